import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { ensureCoder } from '../../core/model/project.js';
import { ensureDefaultMatrices } from '../../core/matrix/matrix-ops.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectView } from '../../shared/api.js';
import { createProjectFolder, isProjectDir, openProjectFolder, type OpenedProject } from '../store/project-store.js';
import { appHome } from '../app/paths.js';
import { readAppState, rememberCoderName, rememberProject } from '../app/app-state.js';
import { ensureDemoProject } from '../app/demo.js';
import { newProjectData } from './defaults.js';
import { requireSession, type HandlerTable, type ServiceContext } from './context.js';
import { ProjectSession } from './session.js';

/** A sensible default for the first-run "who is coding?" prompt: the OS user name. */
export function suggestedCoderName(): string {
  try {
    return userInfo().username || '';
  } catch {
    return '';
  }
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
    const existing = session.data.coders.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (existing) session.coderId = existing.id;
    else if (!session.store.readOnly) {
      const r = await session.mutate('Add coder', (d) => {
        const { data, coder } = ensureCoder(d, name);
        return ok({ data, value: coder.id });
      }, false);
      if (r.ok) session.coderId = r.value.value;
    }
  }
  if (ctx.options.transport !== 'cli') rememberProject(session.store.dir, session.data.project.name);
  return ok(session.view());
}

/** Open the project in `dir` through the store (lock, recovery, migration) and adopt it. */
export async function openProject(ctx: ServiceContext, dir: string, readOnly = false): Promise<Result<ProjectView>> {
  const abs = resolve(dir);
  if (!existsSync(abs)) return err('not-found', `No such folder: ${abs}`);
  if (!isProjectDir(abs)) return err('not-found', `${abs} is not a Casecoder project (no casecoder.json)`);
  const opened = await openProjectFolder(abs, readOnly ? { readOnly: true } : {});
  if (!opened.ok) return opened;
  return adoptProject(ctx, opened.value);
}

/** Create a project with the default codebook in `dir` and adopt it. */
export async function createProject(ctx: ServiceContext, dir: string, name?: string): Promise<Result<ProjectView>> {
  const abs = resolve(dir);
  const data = newProjectData(name?.trim() || basename(abs));
  if (!data.ok) return data;
  // Every new project starts with the default matrices (A6 outcomes, Scorecard cycle).
  const created = await createProjectFolder(abs, ensureDefaultMatrices(data.value));
  if (!created.ok) return created;
  return adoptProject(ctx, created.value);
}

export const projectHandlers: HandlerTable = {
  'app.info': async (ctx) => ok({ version: ctx.options.appVersion, transport: ctx.options.transport, demoDir: join(appHome(), 'demo'), suggestedCoderName: suggestedCoderName() }),
  'project.recent': async () => ok(readAppState().recent.filter((r) => isProjectDir(r.dir))),
  'project.current': async (ctx) => ok(ctx.session ? ctx.session.view() : null),
  'project.create': async (ctx, a) => createProject(ctx, a.dir, a.name),
  'project.open': async (ctx, a) => openProject(ctx, a.dir, a.readOnly === true),
  'project.openDemo': async (ctx) => {
    const dir = await ensureDemoProject();
    if (!dir.ok) return dir;
    return openProject(ctx, dir.value);
  },
  'project.close': async (ctx) => {
    if (ctx.session) await ctx.session.store.close();
    ctx.session = null;
    return ok(null);
  },
  'coder.use': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const name = a.name.trim();
    if (!name) return err('invalid', 'A coder needs a name');
    if (name.length > 80) return err('invalid', 'A coder name has at most 80 characters');
    const r = await s.value.mutate('Add coder', (d) => {
      const { data, coder } = ensureCoder(d, name);
      return ok({ data, value: coder.id });
    }, false);
    if (!r.ok) return r;
    s.value.coderId = r.value.value;
    if (ctx.options.transport !== 'cli') rememberCoderName(name);
    return ok({ value: r.value.value, patch: r.value.patch });
  },
};
