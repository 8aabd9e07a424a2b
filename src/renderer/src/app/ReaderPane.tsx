import { useProject } from '../state/project-store.js';
import { ReaderView, useReader } from '../reader/index.js';

/** The active document in the reader, with its title. */
export function ReaderPane(): React.JSX.Element {
  const loaded = useReader((s) => s.loaded);
  const activeDocId = useReader((s) => s.activeDocId);
  const activeDoc = useProject((s) => s.data?.documents.find((d) => d.id === activeDocId) ?? null);
  return (
    <main className="reader-column" aria-label="Reader">
      {activeDoc && (
        <header className="doc-header">
          <h1 className="doc-heading">{activeDoc.title}</h1>
          <span className="doc-sub">{activeDoc.sourceFile}</span>
        </header>
      )}
      {loaded ? <ReaderView key={loaded.id} loaded={loaded} /> : <div className="empty-reader">{activeDoc ? 'Loading…' : 'Choose a document on the left, or import one.'}</div>}
    </main>
  );
}
