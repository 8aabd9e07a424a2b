import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { ensureCoder, findCoder } from '../../../core/model/project.js';
import { ensureDefaultMatrices } from '../../../core/matrix/matrix-ops.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import type { FolderListing, ProjectView } from '../../../shared/api.js';
import { listBackups } from '../../store/backups.js';
import { grantFolder, rootOf } from '../path-policy.js';
import { realTarget } from '../../store/output-path.js';
import { createProjectFolder, isProjectDir, openProjectFolder, type OpenedProject } from '../../store/project-store.js';
import { appHome } from '../../app/paths.js';
import { readAppState, rememberCoderName, rememberProject } from '../../app/app-state.js';
import { ensureDemoProject } from '../../app/demo.js';
import { newProjectData } from '../defaults.js';
import { withSession, type DomainHandlers, type ServiceContext } from '../context.js';
import { ProjectSession } from '../session.js';

/** A sensible default for the first-run "who is coding?" prompt: the OS user name. */
export function suggestedCoderName(): string {
  try {
    return userInfo().username || '';
  } catch {
    return '';
  }
}

/** The coder named `name` (found case-insensitively, or added as one undoable step); its id is the value. */
function addCoder(session: ProjectSession, name: string, ctx: ServiceContext) {
  return session.mutate(
    'Add coder',
    (d) => {
      const { data, coder } = ensureCoder(d, name, ctx.env);
      return ok({ data, value: coder.id });
    },
    false,
  );
}

/**
 * Make `opened` the current session, closing any previous one. The session codes as the name the
 * user gave before (remembered per user), registered as a coder when new. Without one, the coder
 * stays unset and the UI asks; the CLI never registers anyone implicitly (read commands write nothing).
 */
export async function adoptProject(ctx: ServiceContext, opened: OpenedProject): Promise<Result<ProjectView>> {
  if (ctx.session) await ctx.session.store.close();
  const session = new ProjectSession(opened.store, opened.messages);
  ctx.session = session;
  const name = ctx.options.transport === 'cli' ? null : readAppState().coderName;
  if (name) {
    const existing = findCoder(session.data, name);
    if (existing) session.coderId = existing.id;
    else if (!session.store.readOnly) {
      const r = await addCoder(session, name, ctx);
      if (r.ok) session.coderId = r.value.value;
    }
  }
  if (ctx.options.transport !== 'cli') rememberProject(session.store.dir, session.data.project.name);
  return ok(session.view());
}

/**
 * Open the project in `dir` through the store (lock, recovery, migration) and adopt it. A folder
 * whose `casecoder.json` is missing but whose `backups/` holds copies is restored from the newest
 * usable one only when asked (`restore`); otherwise the error offers it (`details.restorable`).
 */
export async function openProject(ctx: ServiceContext, dir: string, readOnly = false, restore = false): Promise<Result<ProjectView>> {
  const abs = resolve(dir);
  if (!existsSync(abs)) return err('not-found', `No such folder: ${abs}`);
  if (!isProjectDir(abs)) {
    const backups = await listBackups(abs).catch(() => []);
    if (backups.length === 0) return err('not-found', `${abs} is not a Casecoder project (no casecoder.json)`);
    if (!restore || readOnly) {
      const newest = new Date(backups[0]!.time).toISOString();
      return err(
        'not-found',
        `${abs} has no casecoder.json, but its backups/ folder holds ${backups.length} cop${backups.length === 1 ? 'y' : 'ies'} of the project (the newest saved ${newest}). ` +
          (ctx.options.transport === 'cli' ? `Restore the newest usable one with: casecoder restore ${abs}` : 'Choose "Restore from backup" to restore the newest usable one.'),
        { restorable: true, backups: backups.length, newest },
      );
    }
  }
  const opened = await openProjectFolder(abs, readOnly ? { readOnly: true } : {});
  if (!opened.ok) return opened;
  return adoptProject(ctx, opened.value);
}

/** Create a project with the default codebook in `dir` and adopt it. */
export async function createProject(ctx: ServiceContext, dir: string, name?: string): Promise<Result<ProjectView>> {
  const abs = resolve(dir);
  const data = newProjectData(name?.trim() || basename(abs), ctx.env);
  if (!data.ok) return data;
  // Every new project starts with the default matrices (A6 outcomes, Scorecard cycle).
  const created = await createProjectFolder(abs, ensureDefaultMatrices(data.value));
  if (!created.ok) return created;
  return adoptProject(ctx, created.value);
}

/** The project operations. */
export const projectHandlers: DomainHandlers<'project'> = {
  'app.info': async (ctx) => ok({ version: ctx.options.appVersion, transport: ctx.options.transport, demoDir: join(appHome(), 'demo'), suggestedCoderName: suggestedCoderName() }),
  'project.recent': async (ctx) => {
    const policy = ctx.options.paths;
    // Browser mode lists only the recent projects it may open (inside its roots).
    return ok(readAppState().recent.filter((r) => isProjectDir(r.dir) && (policy?.mode !== 'browser' || policy.granted.has(realTarget(r.dir)) || rootOf(policy, realTarget(r.dir)) !== null)));
  },
  'project.current': async (ctx) => ok(ctx.session ? ctx.session.view() : null),
  'project.create': async (ctx, a) => createProject(ctx, a.dir, a.name),
  'project.open': async (ctx, a) => openProject(ctx, a.dir, a.readOnly === true, a.restore === true),
  'project.choose': async (ctx, a) => {
    const choose = ctx.options.chooseFolder;
    if (!choose) return err('unsupported', 'Choosing a folder in a dialog needs the desktop app');
    const dir = await choose(a.purpose);
    if (dir === null) return ok(null);
    if (ctx.options.paths) grantFolder(ctx.options.paths, dir);
    return a.purpose === 'create' ? createProject(ctx, dir, a.name) : openProject(ctx, dir);
  },
  'folder.list': async (ctx, a) => listFolders(ctx, a.dir),
  'project.openDemo': async (ctx) => {
    const dir = await ensureDemoProject(ctx.env);
    if (!dir.ok) return dir;
    return openProject(ctx, dir.value);
  },
  'project.close': async (ctx) => {
    if (ctx.session) await ctx.session.store.close();
    ctx.session = null;
    return ok(null);
  },
  'coder.use': withSession(async (session, a, ctx) => {
    const name = a.name.trim();
    if (!name) return err('invalid', 'A coder needs a name');
    if (name.length > 80) return err('invalid', 'A coder name has at most 80 characters');
    const r = await addCoder(session, name, ctx);
    if (!r.ok) return r;
    session.coderId = r.value.value;
    if (ctx.options.transport !== 'cli') rememberCoderName(name);
    return ok({ value: r.value.value, patch: r.value.patch });
  }),
  'history.undo': withSession((session) => session.undo()),
  'history.redo': withSession((session) => session.redo()),
};

/**
 * Browser mode's folder picker: one level of sub-folders of `dir` (the roots when omitted), never
 * outside the roots and never hidden folders. Only names are listed, no file contents.
 */
async function listFolders(ctx: ServiceContext, dir: string | undefined): Promise<Result<FolderListing>> {
  const policy = ctx.options.paths;
  const roots = policy?.mode === 'browser' ? policy.roots : [];
  if (policy?.mode === 'desktop') return err('unsupported', 'The desktop app chooses folders in a native dialog');
  if (dir === undefined) {
    return ok({ dir: null, parent: null, roots, folders: roots.map((r) => ({ name: r, path: r, isProject: isProjectDir(r) })) });
  }
  const real = realTarget(dir);
  const root = policy?.mode === 'browser' ? rootOf(policy, real) : real;
  if (root === null) return err('usage', `folder.list: dir: ${dir} is not inside ${roots.join(' or ')}`);
  let names: string[];
  try {
    names = readdirSync(real, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((x, y) => x.localeCompare(y));
  } catch (e) {
    return err('not-found', `Cannot list ${real}: ${(e as Error).message}`);
  }
  const parent = real === root ? null : dirname(real);
  return ok({ dir: real, parent, roots, folders: names.slice(0, 2000).map((n) => ({ name: n, path: join(real, n), isProject: isProjectDir(join(real, n)) })) });
}
