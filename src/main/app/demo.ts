import { join } from 'node:path';
import type { CoreEnv } from '../../core/model/ids.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { addDocument } from '../../core/documents/add-document.js';
import { createProjectFolder, isProjectDir } from '../store/project-store.js';
import { importFile } from '../import/import-file.js';
import { newProjectData } from '../service/defaults.js';
import { appHome, resourcesDir } from './paths.js';

/**
 * The built-in demo project, created on first use in the app home from `resources/demo/` (a short
 * invented case text, never seed material). Returns its folder.
 */
export async function ensureDemoProject(env: CoreEnv): Promise<Result<string>> {
  const dir = join(appHome(), 'demo');
  if (isProjectDir(dir)) return ok(dir);
  const data = newProjectData('Casecoder demo', env);
  if (!data.ok) return data;
  const file = join(resourcesDir(), 'demo', 'ruritania.md');
  const imported = await importFile(file, { format: 'md' });
  if (!imported.ok) return err('io', `The demo text could not be imported: ${imported.error.message}`);
  let next = data.value;
  const sources = [];
  for (const d of imported.value) {
    const added = addDocument(next, { title: d.title, format: d.format, doc: d.doc, sourceFile: 'ruritania.md', caseName: 'Ruritania' }, env);
    if (!added.ok) return added;
    next = added.value.data;
    if (added.value.source) sources.push(added.value.source);
  }
  const created = await createProjectFolder(dir, data.value);
  if (!created.ok) return created;
  const store = created.value.store;
  for (const s of sources) {
    const w = await store.writeSource(s);
    if (!w.ok) return w;
  }
  const c = await store.commit(next);
  await store.close();
  return c.ok ? ok(dir) : c;
}
