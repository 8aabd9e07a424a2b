import { useEffect, useState } from 'react';
import type { FolderListing } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';

/**
 * Browser mode's folder picker: browses the folders under the roots the server was started with
 * (the home folder by default) through `folder.list`, one level at a time, and hands back the
 * folder chosen. The page never sees file names or contents, only folders.
 */
export function FolderBrowser(props: { onPick: (dir: string) => void; onCancel: () => void; label: string }): React.JSX.Element {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = (dir?: string): void => {
    void api.call('folder.list', dir === undefined ? {} : { dir }).then((r) => {
      if (r.ok) {
        setListing(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  };
  useEffect(() => go(), []);
  // One root: start inside it.
  useEffect(() => {
    if (listing && listing.dir === null && listing.roots.length === 1) go(listing.roots[0]);
  }, [listing]);
  return (
    <div className="folder-browser" role="dialog" aria-label="Choose a folder">
      <p className="path" data-testid="folder-browser-path">
        {listing?.dir ?? 'Folders you may use'}
      </p>
      {error && <p className="hint error">{error}</p>}
      <ul className="folder-list">
        {listing?.parent && (
          <li>
            <button type="button" className="link-button" onClick={() => go(listing.parent ?? undefined)}>
              ↑ Up
            </button>
          </li>
        )}
        {listing?.folders.map((f) => (
          <li key={f.path}>
            <button type="button" className="link-button" onClick={() => go(f.path)} title={f.path}>
              {f.isProject ? '▣ ' : '▸ '}
              {f.name}
            </button>
          </li>
        ))}
        {listing && listing.folders.length === 0 && <li className="hint">No folders here.</li>}
      </ul>
      <div className="folder-actions">
        <button type="button" className="primary" disabled={!listing?.dir} onClick={() => listing?.dir && props.onPick(listing.dir)}>
          {props.label}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
