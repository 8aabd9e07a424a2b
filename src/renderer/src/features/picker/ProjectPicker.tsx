import { useState } from 'react';
import { useProject } from '../../state/project-store.js';

/** New / open / recent projects. Browser mode picks folders by path (a page cannot browse the disk). */
export function ProjectPicker(): React.JSX.Element {
  const recent = useProject((s) => s.recent);
  const openProject = useProject((s) => s.openProject);
  const createProject = useProject((s) => s.createProject);
  const openDemo = useProject((s) => s.openDemo);
  const [openDir, setOpenDir] = useState('');
  const [newDir, setNewDir] = useState('');
  const [newName, setNewName] = useState('');
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
          <button type="submit" className="primary" disabled={!openDir.trim()}>
            Open
          </button>
          <button type="button" className="secondary" onClick={() => void openDemo()}>
            Open the demo project
          </button>
        </form>
        <section className="card">
          <h2>Recent</h2>
          {recent.length === 0 && <p className="hint">Projects you open appear here.</p>}
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.dir}>
                <button className="link-button" onClick={() => void openProject(r.dir)} title={r.dir}>
                  <strong>{r.name}</strong>
                  <span className="path">{r.dir}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
