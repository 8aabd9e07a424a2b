import type { CoreEnv } from '../../../core/model/ids.js';
import { exportFileName } from '../../../core/export/file-name.js';
import { addCodingChange, removeCodingChange, updateCodingChange } from '../../../core/ops/coding-changes.js';
import { addCodings, codeInVivo } from '../../../core/codings/edit.js';
import { searchTexts } from '../../../core/search/search.js';
import { matchSections } from '../../../core/search/sections.js';
import { HIT_SCOPES, widenHit } from '../../../core/search/scope.js';
import { passagesToCsv, passagesToMarkdown, retrievePassages } from '../../../core/retrieval/passages.js';
import { coOccurrenceTable } from '../../../core/retrieval/frequency.js';
import { ensureCoder } from '../../../core/model/project.js';
import type { Id, ProjectData } from '../../../core/model/types.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import type { AutocodeAs } from '../../../shared/api.js';
import { withSession, type DomainHandlers } from '../context.js';
import type { ProjectSession } from '../session.js';
import { codeName, sections, texts } from '../session-reads.js';

/** Name of the machine coder that autocoding can code as, flagged `auto: true`. */
export const AUTO_CODER_NAME = 'auto';

/** The coder an autocode run attributes its codings to (adding "auto" on first use, in the same step). */
function autocoder(session: ProjectSession, data: ProjectData, as: AutocodeAs, env: CoreEnv): Result<{ data: ProjectData; coderId: Id }> {
  if (as === 'auto') {
    const r = ensureCoder(data, AUTO_CODER_NAME, env, { auto: true });
    if (!r.coder.auto) return err('conflict', `A human coder is named "${AUTO_CODER_NAME}"; rename them before autocoding as the machine coder`);
    return ok({ data: r.data, coderId: r.coder.id });
  }
  if (as !== 'me') return err('invalid', `Autocode as "me" or "auto", not "${String(as)}"`);
  if (!session.coderId) return err('invalid', 'Name yourself as a coder before coding');
  return ok({ data, coderId: session.coderId });
}

/** The coding and retrieval operations. */
export const codingHandlers: DomainHandlers<'codings'> = {
  'coding.add': withSession(async (session, a, ctx) => {
    const coderId = session.coderId;
    if (!coderId) return err('invalid', 'Name yourself as a coder before coding');
    const src = await session.store.readSource(a.documentId);
    if (!src.ok) return src;
    const code = session.state.get('codebook', a.codeId);
    // The hot path: a change set built from the indexed state, whatever the project's size.
    return session.change(`Code “${code?.name ?? a.codeId}”`, (st) => addCodingChange(st, src.value.text, { documentId: a.documentId, codeId: a.codeId, coderId, start: a.start, end: a.end, ...(a.memo ? { memo: a.memo } : {}) }, ctx.env));
  }),
  'coding.remove': withSession(async (session, a) => {
    return session.change('Delete coding', (st) => {
      const r = removeCodingChange(st, a.id);
      return r.ok ? ok({ changes: r.value.changes, value: null }) : r;
    });
  }),

  'coding.update': withSession(async (session, a, ctx) => {
    const g = session.state.get('codings', a.id);
    if (!g) return err('not-found', `No coding with id ${a.id}`);
    const src = await session.store.readSource(g.documentId);
    if (!src.ok) return src;
    const { id, ...patch } = a;
    const label = patch.memo !== undefined && Object.keys(patch).length === 1 ? 'Edit coding memo' : patch.codeId !== undefined ? `Recode as “${session.state.get('codebook', patch.codeId)?.name ?? patch.codeId}”` : 'Adjust coding';
    // The hot path: a change set from the indexed state (cost of the document, not the project).
    return session.change(label, (st) => updateCodingChange(st, src.value.text, id, patch, ctx.env));
  }),
  'coding.inVivo': withSession(async (session, a, ctx) => {
    const coderId = session.coderId;
    if (!coderId) return err('invalid', 'Name yourself as a coder before coding');
    if (!session.data.documents.some((d) => d.id === a.documentId)) return err('not-found', `No document with id ${a.documentId}`);
    const src = await session.store.readSource(a.documentId);
    if (!src.ok) return src;
    return session.mutate('In-vivo code', (d) => {
      const r = codeInVivo(d, src.value.text, { documentId: a.documentId, coderId, start: a.start, end: a.end, parentId: a.parentId ?? null }, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: { code: r.value.code, coding: r.value.coding } }) : r;
    });
  }),
  'search.codeHits': withSession(async (session, a, ctx) => {
    const scope = a.scope ?? 'hit';
    if (!HIT_SCOPES.includes(scope)) return err('usage', `Unknown scope “${String(scope)}”: use ${HIT_SCOPES.join(', ')}`);
    const t = await texts(session, a.documentIds);
    if (!t.ok) return t;
    const found = searchTexts(t.value, a, { maxHits: 20_000 });
    if (!found.ok) return found;
    if (found.value.truncated === 'time') return err('too-large', 'The search took too long to be sure of every hit; narrow it first');
    const only = a.only ? new Set(a.only.map((h) => `${h.documentId}\u0000${h.start}\u0000${h.end}`)) : null;
    const hits = found.value.groups.flatMap((g) => g.hits).filter((h) => !only || only.has(`${h.documentId}\u0000${h.start}\u0000${h.end}`));
    if (hits.length === 0) return err('not-found', 'Nothing to code: the search has no hits');
    const byId = new Map(t.value.map((d) => [d.id, d.text]));
    // Widen each hit to its scope; hits in one sentence (or paragraph) become one passage.
    const spans = new Map<string, { documentId: Id; start: number; end: number }>();
    for (const h of hits) {
      const w = widenHit(byId.get(h.documentId) ?? '', h.start, h.end, scope);
      spans.set(`${h.documentId}\u0000${w.start}\u0000${w.end}`, { documentId: h.documentId, ...w });
    }
    const what = scope === 'hit' ? `${hits.length} hit${hits.length === 1 ? '' : 's'}` : `the ${spans.size} ${scope}${spans.size === 1 ? '' : 's'} of ${hits.length} hit${hits.length === 1 ? '' : 's'}`;
    return session.mutate(`Code ${what} of “${a.text}” as “${codeName(session.data, a.codeId)}”`, (d0) => {
      const who = autocoder(session, d0, a.as, ctx.env);
      if (!who.ok) return who;
      const r = addCodings(
        who.value.data,
        byId,
        [...spans.values()].map((h) => ({ documentId: h.documentId, codeId: a.codeId, coderId: who.value.coderId, start: h.start, end: h.end })),
        ctx.env,
      );
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added.length, existing: r.value.existing } }) : r;
    });
  }),
  'autocode.sectionsPreview': withSession(async (session, a) => {
    const secs = await sections(session, a.documentIds);
    if (!secs.ok) return secs;
    return matchSections(secs.value, a.pattern, a.mode);
  }),
  'autocode.sections': withSession(async (session, a, ctx) => {
    const secs = await sections(session, a.documentIds);
    if (!secs.ok) return secs;
    const m = matchSections(secs.value, a.pattern, a.mode);
    if (!m.ok) return m;
    if (m.value.length === 0) return err('not-found', `No section heading matches “${a.pattern}”`);
    const byId = new Map(secs.value.map((d) => [d.id, d.text]));
    return session.mutate(`Code ${m.value.length} “${a.pattern}” section${m.value.length === 1 ? '' : 's'} as “${codeName(session.data, a.codeId)}”`, (d0) => {
      const who = autocoder(session, d0, a.as, ctx.env);
      if (!who.ok) return who;
      const r = addCodings(
        who.value.data,
        byId,
        m.value.map((x) => ({ documentId: x.documentId, codeId: a.codeId, coderId: who.value.coderId, start: x.start, end: x.end })),
        ctx.env,
      );
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added.length, existing: r.value.existing } }) : r;
    });
  }),
  'retrieval.passages': withSession((session, a) => ok(retrievePassages(session.data, a))),
  'retrieval.export': withSession(async (session, a) => {
    const { format, ...filter } = a;
    const ps = retrievePassages(session.data, filter);
    const name = (ext: string): string => exportFileName({ project: session.data.project.name, what: 'passages', date: new Date().toISOString(), ext });
    if (format === 'csv') return ok({ text: passagesToCsv(ps), fileName: name('csv') });
    if (format === 'md') return ok({ text: passagesToMarkdown(ps, `Coded passages: ${session.data.project.name}`), fileName: name('md') });
    return err('invalid', `Export passages as "csv" or "md", not "${String(format)}"`);
  }),
  'retrieval.cooccurrence': withSession(async (session, a) => {
    let byId: Map<Id, string> | undefined;
    if (a.rule === 'paragraph') {
      const t = await texts(session);
      if (!t.ok) return t;
      byId = new Map(t.value.map((d) => [d.id, d.text]));
    }
    return coOccurrenceTable(session.data, { rule: a.rule, ...(byId ? { texts: byId } : {}), ...(a.coderIds ? { coderIds: a.coderIds } : {}) });
  }),
};
