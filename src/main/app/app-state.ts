import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecentProject } from '../../shared/api.js';
import { appHome } from './paths.js';

/** Per-user app state: recent projects and the name the user codes under. Not project data. */
export interface AppState {
  recent: RecentProject[];
  coderName: string | null;
}

const MAX_RECENT = 12;

function stateFile(): string {
  return join(appHome(), 'state.json');
}

/** Read app state; a missing or unreadable file gives empty state (it holds nothing irreplaceable). */
export function readAppState(): AppState {
  try {
    const raw = JSON.parse(readFileSync(stateFile(), 'utf8')) as Partial<AppState>;
    return { recent: Array.isArray(raw.recent) ? raw.recent : [], coderName: typeof raw.coderName === 'string' ? raw.coderName : null };
  } catch {
    return { recent: [], coderName: null };
  }
}

/** Write app state atomically (temp + rename). */
export function writeAppState(state: AppState): void {
  mkdirSync(appHome(), { recursive: true });
  const tmp = `${stateFile()}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, stateFile());
}

/** Record that a project was opened (most recent first, de-duplicated by folder). */
export function rememberProject(dir: string, name: string): void {
  const s = readAppState();
  const recent = [{ dir, name, openedAt: new Date().toISOString() }, ...s.recent.filter((r) => r.dir !== dir)].slice(0, MAX_RECENT);
  writeAppState({ ...s, recent });
}

/** Remember the coder name for the next session. */
export function rememberCoderName(name: string): void {
  writeAppState({ ...readAppState(), coderName: name });
}
