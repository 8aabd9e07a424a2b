import { useEffect } from 'react';
import { useProject } from '../state/project-store.js';
import { ProjectPicker } from '../features/picker/ProjectPicker.js';
import { Workspace } from './Workspace.js';
import { Toasts } from '../components/Toasts.js';

/** The app shell: the project picker until a project is open, then the workspace. */
export function App(): React.JSX.Element {
  const booted = useProject((s) => s.booted);
  const hasProject = useProject((s) => s.data !== null);
  // Another project (opened here or followed from another window) gets a fresh workspace.
  const dir = useProject((s) => s.view?.dir ?? null);
  const boot = useProject((s) => s.boot);
  useEffect(() => {
    void boot();
  }, [boot]);
  return (
    <>
      {!booted ? <div className="loading">Opening Casecoder…</div> : hasProject ? <Workspace key={dir} /> : <ProjectPicker />}
      <Toasts />
    </>
  );
}
