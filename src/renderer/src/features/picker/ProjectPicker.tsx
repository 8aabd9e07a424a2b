import { useEffect, useState } from 'react';
import { useProject } from '../../state/project-store.js';
import { api } from '../../lib/api.js';
import { FolderBrowser } from './FolderBrowser.js';
import type { RecentProject } from '../../../../shared/api.js';

/**
 * New / open / recent projects. Browser mode picks folders under the server's roots with the
 * folder browser (or a typed path, confined the same way by the server); the desktop app asks the
 * main process, which shows a native dialog, so the page never names a path there.
 */
export function ProjectPicker(): React.JSX.Element {
  const recent = useProject((s) => s.recent);
  const openProject = useProject((s) => s.openProject);
  const createProject = useProject((s) => s.createProject);
  const chooseProject = useProject((s) => s.chooseProject);
  const openDemo = useProject((s) => s.openDemo);
  const restorable = useProject((s) => s.restorable);
  const [openDir, setOpenDir] = useState('');
  const [newDir, setNewDir] = useState('');
  const [newName, setNewName] = useState('');
  const [browsing, setBrowsing] = useState<'open' | 'new' | null>(null);
  const [desktop, setDesktop] = useState(false);
  useEffect(() => {
    void api.call('app.info', {}).then((r) => r.ok && setDesktop(r.value.transport === 'electron'));
  }, []);
  if (desktop) {
    return (
      <main className="picker">
        <h1 className="brand">Casecoder</h1>
        <div className="picker-grid">
          <section className="card">
            <h2>Projects</h2>
            <button type="button" className="primary" onClick={() => void chooseProject('create', newName.trim())}>
              New project…
            </button>
            <button type="button" className="primary" onClick={() => void chooseProject('open')}>
              Open project…
            </button>
            <button type="button" className="secondary" onClick={() => void openDemo()}>
              Open the demo project
            </button>
          </section>
          <RecentProjects recent={recent} open={openProject} hint={false} />
        </div>
      </main>
    );
  }
  return (
    <main className="picker">
      <h1 className="brand">Casecoder</h1>
      <p className="tagline">Code case texts together, measure agreement, and fill the tables you publish.</p>
      <div className="picker-grid">
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (newDir.trim()) void createProject(newDir.trim(), newName.trim());
          }}
        >
          <h2>New project</h2>
          <label>
            Folder
            <input name="new-dir" value={newDir} onChange={(e) => setNewDir(e.target.value)} placeholder="/home/me/scorecard-study" />
          </label>
          <label>
            Name
            <input name="new-name" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="Scorecard diplomacy cases" />
          </label>
          <button type="button" className="secondary" onClick={() => setBrowsing(browsing === 'new' ? null : 'new')}>
            Browse…
          </button>
          {browsing === 'new' && (
            <FolderBrowser
              label="Create the project in this folder"
              onPick={(dir) => {
                setNewDir(dir);
                setBrowsing(null);
              }}
              onCancel={() => setBrowsing(null)}
            />
          )}
          <button type="submit" className="primary" disabled={!newDir.trim()}>
            Create project
          </button>
        </form>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            if (openDir.trim()) void openProject(openDir.trim());
          }}
        >
          <h2>Open project</h2>
          <label>
            Folder
            <input name="open-dir" value={openDir} onChange={(e) => setOpenDir(e.target.value)} placeholder="/home/me/scorecard-study" />
          </label>
          <button type="button" className="secondary" onClick={() => setBrowsing(browsing === 'open' ? null : 'open')}>
            Browse…
          </button>
          {browsing === 'open' && (
            <FolderBrowser
              label="Open this project"
              onPick={(dir) => {
                setOpenDir(dir);
                setBrowsing(null);
                void openProject(dir);
              }}
              onCancel={() => setBrowsing(null)}
            />
          )}
          <button type="submit" className="primary" disabled={!openDir.trim()}>
            Open
          </button>
          {restorable && (
            <div className="restore-offer" role="alert">
              <p>{restorable.message}</p>
              <button type="button" className="primary" onClick={() => void openProject(restorable.dir, { restore: true })}>
                Restore from backup
              </button>
            </div>
          )}
          <button type="button" className="secondary" onClick={() => void openDemo()}>
            Open the demo project
          </button>
        </form>
        <RecentProjects recent={recent} open={openProject} hint />
      </div>
    </main>
  );
}

/** The recent-projects card, one button per project (the folder shown under its name). */
function RecentProjects({ recent, open, hint }: { recent: RecentProject[]; open: (dir: string) => Promise<unknown>; hint: boolean }): React.JSX.Element {
  return (
    <section className="card">
      <h2>Recent</h2>
      {hint && recent.length === 0 && <p className="hint">Projects you open appear here.</p>}
      <ul className="recent">
        {recent.map((r) => (
          <li key={r.dir}>
            <button className="link-button" onClick={() => void open(r.dir)} title={r.dir}>
              <strong>{r.name}</strong>
              <span className="path">{r.dir}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
