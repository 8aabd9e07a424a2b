import { exportFileName } from '../../core/export/file-name.js';
import { createCode, deleteCode, mergeCodes, moveCode, updateCode } from '../../core/codebook/edit.js';
import { codebookToJson, codebookToMarkdown, importCodebook, parseCodebookJson } from '../../core/codebook/exchange.js';
import { addCodings, codeInVivo } from '../../core/codings/edit.js';
import { setMemo } from '../../core/memos/memos.js';
import { readerSchema } from '../../core/document/schema.js';
import { buildTextIndex } from '../../core/document/text-index.js';
import { searchTexts } from '../../core/search/search.js';
import { documentSections, matchSections, notesStart, type Section } from '../../core/search/sections.js';
import { HIT_SCOPES, widenHit } from '../../core/search/scope.js';
import { passagesToCsv, passagesToMarkdown, retrievePassages } from '../../core/retrieval/passages.js';
import { coOccurrenceTable } from '../../core/retrieval/frequency.js';
import { ensureCoder } from '../../core/model/project.js';
import type { Id, ProjectData } from '../../core/model/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { AutocodeAs } from '../../shared/api/workflow.js';
import { requireSession, type HandlerTable } from './context.js';
import type { ProjectSession } from './session.js';
import { updateCodingChange } from '../../core/ops/coding-changes.js';

/** Name of the machine coder that autocoding can code as, flagged `auto: true`. */
export const AUTO_CODER_NAME = 'auto';

/** Canonical texts of the chosen documents (all when `ids` is empty), in project order. */
async function texts(session: ProjectSession, ids?: Id[]): Promise<Result<{ id: Id; text: string }[]>> {
  const want = ids && ids.length ? new Set(ids) : null;
  const out: { id: Id; text: string }[] = [];
  for (const d of session.data.documents) {
    if (want && !want.has(d.id)) continue;
    const src = await session.store.readSource(d.id);
    if (!src.ok) return src;
    out.push({ id: d.id, text: src.value.text });
  }
  if (want && out.length !== want.size) return err('not-found', 'Some of the chosen documents do not exist');
  return ok(out);
}

/** Sections are derived from immutable sources, so they are computed once per document and kept. */
const sectionCache = new WeakMap<object, Section[]>();

async function sections(session: ProjectSession, ids?: Id[]): Promise<Result<{ id: Id; text: string; sections: Section[] }[]>> {
  const want = ids && ids.length ? new Set(ids) : null;
  const out: { id: Id; text: string; sections: Section[] }[] = [];
  for (const d of session.data.documents) {
    if (want && !want.has(d.id)) continue;
    const src = await session.store.readSource(d.id);
    if (!src.ok) return src;
    let s = sectionCache.get(src.value);
    if (!s) {
      const doc = readerSchema.nodeFromJSON(src.value.doc);
      const index = buildTextIndex(doc);
      s = documentSections(index, notesStart(doc, index));
      sectionCache.set(src.value, s);
    }
    out.push({ id: d.id, text: src.value.text, sections: s });
  }
  return ok(out);
}

/** The coder an autocode run attributes its codings to (adding "auto" on first use, in the same step). */
function autocoder(session: ProjectSession, data: ProjectData, as: AutocodeAs): Result<{ data: ProjectData; coderId: Id }> {
  if (as === 'auto') {
    const r = ensureCoder(data, AUTO_CODER_NAME, { auto: true });
    if (!r.coder.auto) return err('conflict', `A human coder is named "${AUTO_CODER_NAME}"; rename them before autocoding as the machine coder`);
    return ok({ data: r.data, coderId: r.coder.id });
  }
  if (as !== 'me') return err('invalid', `Autocode as "me" or "auto", not "${String(as)}"`);
  if (!session.coderId) return err('invalid', 'Name yourself as a coder before coding');
  return ok({ data, coderId: session.coderId });
}

function codeName(data: ProjectData, id: Id): string {
  return data.codebook.find((c) => c.id === id)?.name ?? id;
}


export const workflowHandlers: HandlerTable = {
  'code.create': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.mutate(`New code “${a.name}”`, (d) => {
      const r = createCode(d, a);
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  },
  'code.update': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const keys = Object.keys(a.patch ?? {});
    const what = keys.length === 1 && keys[0] === 'name' ? 'Rename' : keys.length === 1 && keys[0] === 'color' ? 'Recolour' : 'Edit';
    return s.value.mutate(`${what} code “${codeName(s.value.data, a.id)}”`, (d) => {
      const r = updateCode(d, a.id, a.patch ?? {});
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  },
  'code.move': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.mutate(`Move code “${codeName(s.value.data, a.id)}”`, (d) => {
      const r = moveCode(d, a.id, a.parentId, a.index);
      return r.ok ? ok({ data: r.value.data, value: r.value.code }) : r;
    });
  },
  'code.merge': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const d0 = s.value.data;
    return s.value.mutate(`Merge “${codeName(d0, a.sourceId)}” into “${codeName(d0, a.targetId)}”`, (d) => {
      const r = mergeCodes(d, a.sourceId, a.targetId);
      return r.ok ? ok({ data: r.value.data, value: { moved: r.value.moved, collapsed: r.value.collapsed } }) : r;
    });
  },
  'code.delete': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.mutate(`Delete code “${codeName(s.value.data, a.id)}”`, (d) => {
      const r = deleteCode(d, a.id);
      return r.ok ? ok({ data: r.value.data, value: { codes: r.value.codes, codings: r.value.codings, ratings: r.value.ratings } }) : r;
    });
  },
  'codebook.export': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const d = s.value.data;
    const name = (ext: string): string => exportFileName({ project: d.project.name, what: 'codebook', unit: `v${d.project.codebookVersion}`, date: new Date().toISOString(), ext });
    if (a.format === 'md') return ok({ text: codebookToMarkdown(d), fileName: name('md') });
    if (a.format === 'json') return ok({ text: `${JSON.stringify(codebookToJson(d), null, 2)}\n`, fileName: name('json') });
    return err('invalid', `Export the codebook as "md" or "json", not "${String(a.format)}"`);
  },
  'codebook.import': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    if (typeof a.json !== 'string') return err('invalid', 'Pass the codebook file’s text as "json"');
    const parsed = parseCodebookJson(a.json);
    if (!parsed.ok) return parsed;
    return s.value.mutate('Import codebook', (d) => {
      const r = importCodebook(d, parsed.value);
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added, updated: r.value.updated, unchanged: r.value.unchanged } }) : r;
    });
  },
  'coding.update': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const g = s.value.state.get('codings', a.id);
    if (!g) return err('not-found', `No coding with id ${a.id}`);
    const src = await s.value.store.readSource(g.documentId);
    if (!src.ok) return src;
    const { id, ...patch } = a;
    const label = patch.memo !== undefined && Object.keys(patch).length === 1 ? 'Edit coding memo' : patch.codeId !== undefined ? `Recode as “${s.value.state.get('codebook', patch.codeId)?.name ?? patch.codeId}”` : 'Adjust coding';
    // The hot path: a change set from the indexed state (cost of the document, not the project).
    return s.value.change(label, (st) => updateCodingChange(st, src.value.text, id, patch));
  },
  'coding.inVivo': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const coderId = s.value.coderId;
    if (!coderId) return err('invalid', 'Name yourself as a coder before coding');
    if (!s.value.data.documents.some((d) => d.id === a.documentId)) return err('not-found', `No document with id ${a.documentId}`);
    const src = await s.value.store.readSource(a.documentId);
    if (!src.ok) return src;
    return s.value.mutate('In-vivo code', (d) => {
      const r = codeInVivo(d, src.value.text, { documentId: a.documentId, coderId, start: a.start, end: a.end, parentId: a.parentId ?? null });
      return r.ok ? ok({ data: r.value.data, value: { code: r.value.code, coding: r.value.coding } }) : r;
    });
  },
  'memo.set': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const coderId = s.value.coderId;
    return s.value.mutate(`Edit ${a.target?.kind ?? ''} memo`, (d) => {
      const r = setMemo(d, a.target, coderId, a.text);
      return r.ok ? ok({ data: r.value.data, value: r.value.memo }) : r;
    });
  },
  'search.run': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const t = await texts(s.value, a.documentIds);
    if (!t.ok) return t;
    return searchTexts(t.value, a);
  },
  'search.codeHits': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const scope = a.scope ?? 'hit';
    if (!HIT_SCOPES.includes(scope)) return err('usage', `Unknown scope “${String(scope)}”: use ${HIT_SCOPES.join(', ')}`);
    const t = await texts(s.value, a.documentIds);
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
    return s.value.mutate(`Code ${what} of “${a.text}” as “${codeName(s.value.data, a.codeId)}”`, (d0) => {
      const who = autocoder(s.value, d0, a.as);
      if (!who.ok) return who;
      const r = addCodings(who.value.data, byId, [...spans.values()].map((h) => ({ documentId: h.documentId, codeId: a.codeId, coderId: who.value.coderId, start: h.start, end: h.end })));
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added.length, existing: r.value.existing } }) : r;
    });
  },
  'autocode.sectionsPreview': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const secs = await sections(s.value, a.documentIds);
    if (!secs.ok) return secs;
    return matchSections(secs.value, a.pattern, a.mode);
  },
  'autocode.sections': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const secs = await sections(s.value, a.documentIds);
    if (!secs.ok) return secs;
    const m = matchSections(secs.value, a.pattern, a.mode);
    if (!m.ok) return m;
    if (m.value.length === 0) return err('not-found', `No section heading matches “${a.pattern}”`);
    const byId = new Map(secs.value.map((d) => [d.id, d.text]));
    return s.value.mutate(`Code ${m.value.length} “${a.pattern}” section${m.value.length === 1 ? '' : 's'} as “${codeName(s.value.data, a.codeId)}”`, (d0) => {
      const who = autocoder(s.value, d0, a.as);
      if (!who.ok) return who;
      const r = addCodings(who.value.data, byId, m.value.map((x) => ({ documentId: x.documentId, codeId: a.codeId, coderId: who.value.coderId, start: x.start, end: x.end })));
      return r.ok ? ok({ data: r.value.data, value: { added: r.value.added.length, existing: r.value.existing } }) : r;
    });
  },
  'retrieval.passages': async (ctx, a) => {
    const s = requireSession(ctx);
    return s.ok ? ok(retrievePassages(s.value.data, a)) : s;
  },
  'retrieval.export': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const { format, ...filter } = a;
    const ps = retrievePassages(s.value.data, filter);
    const name = (ext: string): string => exportFileName({ project: s.value.data.project.name, what: 'passages', date: new Date().toISOString(), ext });
    if (format === 'csv') return ok({ text: passagesToCsv(ps), fileName: name('csv') });
    if (format === 'md') return ok({ text: passagesToMarkdown(ps, `Coded passages: ${s.value.data.project.name}`), fileName: name('md') });
    return err('invalid', `Export passages as "csv" or "md", not "${String(format)}"`);
  },
  'retrieval.cooccurrence': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    let byId: Map<Id, string> | undefined;
    if (a.rule === 'paragraph') {
      const t = await texts(s.value);
      if (!t.ok) return t;
      byId = new Map(t.value.map((d) => [d.id, d.text]));
    }
    return coOccurrenceTable(s.value.data, { rule: a.rule, ...(byId ? { texts: byId } : {}), ...(a.coderIds ? { coderIds: a.coderIds } : {}) });
  },
};
