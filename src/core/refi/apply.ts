import { makeAnchor } from '../codings/anchor.js';
import { err, ok, type Result } from '../model/result.js';
import type { CoreEnv } from '../model/ids.js';
import { findCoder } from '../model/project.js';
import type { AttributeValue, Case, Code, Coder, Coding, DocumentMeta, Id, Memo, MemoTarget, ProjectData, SourceContent } from '../model/types.js';
import { TEXT_VERSION } from '../model/types.js';
import { sha256Hex } from '../util/hash.js';
import { guidForId, idForGuid } from './guid.js';
import { applyMatrices, mapProvenance } from './apply-extension.js';
import type { RefiImport, RefiReport, RefiSkipped } from './types.js';

/**
 * Where one user of the file goes: an existing coder (by id), or a coder of this name (an existing
 * one when the name matches, case-insensitively, else a new one). `user` names the file's user by
 * its GUID or its name.
 */
export interface RefiUserMapping {
  user: string;
  coderId?: Id;
  coderName?: string;
}

/** How to apply: into a project just created for this file, or merged into one with content. */
export interface ApplyRefiOptions {
  mode: 'new-project' | 'merge';
  /** Users mapped to coders; users not listed go to the coder of the same name (or a new one). */
  users?: readonly RefiUserMapping[];
  /** Refuse the whole import when any selection, coding, note or reference had to be skipped. */
  strict?: boolean;
  /** Timestamp for new items (tests pass a fixed one). */
  now?: string;
}

type Counted = 'coders' | 'codes' | 'attributeDefs' | 'cases' | 'documents' | 'codings' | 'memos' | 'matrices' | 'ratings';

/** What applying did: counts of new and of already-present (matched) items, plus what was skipped. */
export interface ApplyRefiReport {
  added: Record<Counted, number>;
  matched: Record<Counted, number>;
  /** Items refused while merging (type conflicts, duplicates), on top of `refi.notImported`. */
  skipped: RefiSkipped[];
  /** Notes on what was adapted while merging. */
  notes: string[];
  /** Each file user's GUID → the project coder it became (matched, mapped or new). */
  coderOf: Record<string, Id>;
  refi: RefiReport;
}

/** Skipped kinds that mean the file's own content was incomplete or inconsistent (strict mode refuses them). */
const PROBLEM_KINDS = new Set<RefiSkipped['kind']>(['document', 'selection', 'coding', 'note', 'case', 'variable', 'code']);

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * Merge a {@link RefiImport} into a project, purely: returns the new project data, the content
 * files of new documents and a report, or an error with the input untouched.
 *
 * Matching (so that applying the same file twice adds nothing): coders by name; codes by GUID
 * (an id made from it, or the GUID our export derived from an id) and then by path; cases by GUID
 * then name; documents by the SHA-256 of their canonical text; codings by document, code, coder
 * and span; memos by target and text. New objects get ids derived from their GUIDs. In
 * `new-project` mode the project must hold no documents yet and takes the file's project name.
 */
export function applyRefiImport(data: ProjectData, refi: RefiImport, options: ApplyRefiOptions, env: CoreEnv): Result<{ data: ProjectData; sources: SourceContent[]; report: ApplyRefiReport }> {
  if (options.mode === 'new-project' && (data.documents.length > 0 || data.codings.length > 0)) {
    return err('conflict', 'A new-project import needs a project without documents; use merge instead');
  }
  const problems = refi.report.notImported.filter((s) => PROBLEM_KINDS.has(s.kind));
  if (options.strict && problems.length > 0) {
    const first = problems[0];
    return err('invalid', `${problems.length} item(s) in the file could not be imported (first: ${first?.kind} ${first?.name || first?.guid}: ${first?.reason})`, problems);
  }
  const at = options.now ?? env.now();
  const zero = (): Record<Counted, number> => ({ coders: 0, codes: 0, attributeDefs: 0, cases: 0, documents: 0, codings: 0, memos: 0, matrices: 0, ratings: 0 });
  const report: ApplyRefiReport = { added: zero(), matched: zero(), skipped: [], notes: [], coderOf: {}, refi: refi.report };

  // Coders: as mapped, else by name, then by id; roles from a Casecoder export.
  const mapping = resolveUserMapping(data, refi, options.users ?? []);
  if (!mapping.ok) return mapping;
  const roles = new Map((refi.extension?.coders ?? []).map((r) => [r.user, r]));
  const coders: Coder[] = data.coders.map((c) => ({ ...c }));
  const coderIds = new Map<string, Id>();
  for (const u of refi.coders) {
    const id = idForGuid('u', u.guid);
    const mapped = mapping.value.get(u.guid);
    const name = mapped?.coderName ?? u.name;
    const existing = mapped?.coderId ? coders.find((c) => c.id === mapped.coderId) : (findCoder({ ...data, coders }, name) ?? (mapped ? undefined : coders.find((c) => c.id === id)));
    const role = roles.get(u.guid);
    if (existing) {
      coderIds.set(u.guid, existing.id);
      report.matched.coders++;
      if (role && (!!role.consensus !== !!existing.consensus || !!role.auto !== !!existing.auto)) {
        report.notes.push(`Coder "${existing.name}" is ${roleName(role)} in the file and ${roleName(existing)} in the project; the project's role was kept.`);
      }
    } else {
      const newId_ = coders.some((c) => c.id === id) ? env.newId('u_') : id;
      coders.push({ id: newId_, name, ...(role?.consensus ? { consensus: true } : {}), ...(role?.auto ? { auto: true } : {}) });
      coderIds.set(u.guid, newId_);
      report.added.coders++;
    }
  }

  // Codes: by GUID, then by path under the (mapped) parent.
  const codebook: Code[] = [...data.codebook];
  const codeIds = new Map<string, Id>();
  const shortcuts = new Map((refi.extension?.codes ?? []).map((c) => [c.code, c.shortcut]));
  const guidOf = new Map(codebook.map((c) => [guidForId(c.id), c.id]));
  for (const rc of refi.codes) {
    const parentId = rc.parentGuid ? (codeIds.get(rc.parentGuid) ?? null) : null;
    const byGuid = codebook.find((c) => c.id === idForGuid('k', rc.guid)) ?? codebook.find((c) => c.id === guidOf.get(rc.guid));
    const byPath = codebook.find((c) => c.parentId === parentId && c.name.trim().toLowerCase() === rc.name.trim().toLowerCase());
    const existing = byGuid ?? byPath;
    if (existing) {
      codeIds.set(rc.guid, existing.id);
      report.matched.codes++;
      continue;
    }
    const siblings = codebook.filter((c) => c.parentId === parentId);
    const code: Code = {
      id: idForGuid('k', rc.guid),
      name: rc.name,
      parentId,
      color: rc.color ?? PALETTE[codebook.length % PALETTE.length] ?? '#4e79a7',
      description: rc.description,
      inclusion: rc.inclusion,
      exclusion: rc.exclusion,
      example: rc.example,
      shortcut: freeShortcut(codebook, shortcuts.get(rc.guid)),
      order: siblings.reduce((m, c) => Math.max(m, c.order + 1), 0),
    };
    codebook.push(code);
    codeIds.set(rc.guid, code.id);
    report.added.codes++;
  }

  // Attribute definitions: by name; an existing definition keeps its type.
  const attributeDefs = [...data.attributeDefs];
  for (const d of refi.attributeDefs) {
    const existing = attributeDefs.find((x) => x.name === d.name);
    if (!existing) {
      attributeDefs.push(d);
      report.added.attributeDefs++;
    } else {
      report.matched.attributeDefs++;
      if (existing.type !== d.type) report.notes.push(`Attribute "${d.name}" is ${existing.type} in the project and ${d.type} in the file; the project's type was kept.`);
    }
  }
  const typeOf = new Map(attributeDefs.map((d) => [d.name, d.type]));

  // Cases: by GUID, then by name; attributes fill gaps, never overwrite.
  const cases: Case[] = data.cases.map((c) => ({ ...c }));
  const caseIds = new Map<string, Id>();
  for (const rk of refi.cases) {
    const id = idForGuid('c', rk.guid);
    let kase = cases.find((c) => c.id === id || guidForId(c.id) === rk.guid) ?? cases.find((c) => c.name.trim().toLowerCase() === rk.name.trim().toLowerCase());
    if (kase) report.matched.cases++;
    else {
      kase = { id, name: rk.name, attributes: {} };
      cases.push(kase);
      report.added.cases++;
    }
    caseIds.set(rk.guid, kase.id);
    const attrs = { ...kase.attributes };
    for (const [name, value] of Object.entries(rk.attributes)) {
      const v = coerce(value, typeOf.get(name));
      if (v === undefined) report.skipped.push({ kind: 'variable', guid: rk.guid, name: `${rk.name}: ${name}`, reason: `value ${JSON.stringify(value)} does not fit the project's ${typeOf.get(name)} attribute` });
      else if (attrs[name] === undefined || attrs[name] === null) attrs[name] = v;
      else if (attrs[name] !== v) report.notes.push(`Case "${kase.name}": "${name}" is ${JSON.stringify(attrs[name])} in the project and ${JSON.stringify(v)} in the file; the project's value was kept.`);
    }
    kase.attributes = attrs;
  }

  // Documents: by canonical-text hash.
  const documents: DocumentMeta[] = data.documents.map((d) => ({ ...d }));
  const sources: SourceContent[] = [];
  const docDetails = new Map((refi.extension?.documents ?? []).map((d) => [d.source, d]));
  const docIds = new Map<string, { id: Id; text: string }>();
  for (const rd of refi.documents) {
    const textHash = sha256Hex(rd.text);
    const caseId = rd.caseGuid ? (caseIds.get(rd.caseGuid) ?? null) : null;
    const existing = documents.find((d) => d.textHash === textHash);
    if (existing) {
      report.matched.documents++;
      if (existing.caseId === null && caseId) existing.caseId = caseId;
      docIds.set(rd.guid, { id: existing.id, text: rd.text });
      continue;
    }
    const wanted = idForGuid('d', rd.guid);
    const id = documents.some((d) => d.id === wanted) ? env.newId('d_') : wanted;
    const details = docDetails.get(rd.guid);
    const pages = details?.pages?.every((p) => p.offset >= 0 && p.offset <= rd.text.length) ? details.pages : undefined;
    documents.push({
      id,
      caseId,
      title: rd.title,
      sourceFile: details?.sourceFile ?? rd.title,
      format: details?.format ?? (rd.textFrom === 'docx' ? 'docx' : 'qdpx'),
      textHash,
      chars: rd.text.length,
      importedAt: details?.importedAt ?? at,
      textVersion: TEXT_VERSION,
      ...(pages ? { pages } : {}),
    });
    sources.push({ id, textVersion: TEXT_VERSION, doc: rd.doc, text: rd.text, textHash });
    docIds.set(rd.guid, { id, text: rd.text });
    report.added.documents++;
  }

  // Codings: by document, code, coder and span.
  const codings: Coding[] = [...data.codings];
  const codingKeys = new Map(codings.map((c) => [`${c.documentId}|${c.codeId}|${c.coderId}|${c.start}|${c.end}`, c.id]));
  const codingIds = new Set(codings.map((c) => c.id));
  /** Coding GUID of the file → the project's coding id (new or already present). */
  const codingOf = new Map<string, Id>();
  const codingDetails = new Map((refi.extension?.codings ?? []).map((c) => [c.coding, c]));
  for (const rc of refi.codings) {
    const doc = docIds.get(rc.documentGuid);
    const codeId = codeIds.get(rc.codeGuid);
    const coderId = rc.coderGuid ? coderIds.get(rc.coderGuid) : undefined;
    const anchor = doc ? makeAnchor(doc.text, rc.start, rc.end) : null;
    if (!doc || !codeId || !coderId || !anchor) {
      report.skipped.push({ kind: 'coding', guid: rc.guid, name: rc.exact.slice(0, 60), reason: 'its document, code or coder was not imported' });
      continue;
    }
    const key = `${doc.id}|${codeId}|${coderId}|${anchor.start}|${anchor.end}`;
    const present = codingKeys.get(key);
    if (present) {
      codingOf.set(rc.guid, present);
      report.matched.codings++;
      continue;
    }
    const wanted = idForGuid('g', rc.guid);
    const id = codingIds.has(wanted) ? env.newId('g_') : wanted;
    codingKeys.set(key, id);
    codingIds.add(id);
    codingOf.set(rc.guid, id);
    const created = rc.created ?? at;
    const details = codingDetails.get(rc.guid);
    codings.push({ id, documentId: doc.id, codeId, coderId, ...anchor, memo: rc.memo, created, updated: details?.updated ?? created });
    report.added.codings++;
  }
  // Provenance needs every coding's id, so it is attached after all codings exist.
  for (const d of refi.extension?.codings ?? []) {
    const id = codingOf.get(d.coding);
    const coding = id ? codings.find((c) => c.id === id && !data.codings.includes(c)) : undefined;
    if (!coding || !d.provenance) continue;
    const p = mapProvenance(d.provenance, coderIds, codingOf);
    if (p) codings[codings.indexOf(coding)] = { ...coding, provenance: p };
    else report.notes.push(`The adjudication record of coding ${coding.id} refers to a coder or coding that was not imported; the coding was kept without it.`);
  }

  // Memos: by target and text.
  const memos: Memo[] = [...data.memos];
  for (const rm of refi.memos) {
    const target = mapTarget(rm.target, { code: codeIds, case: caseIds, document: new Map([...docIds].map(([g, d]) => [g, d.id])) });
    if (!target) {
      report.skipped.push({ kind: 'note', guid: rm.guid, name: rm.text.slice(0, 60), reason: 'its target was not imported' });
      continue;
    }
    if (memos.some((m) => sameTarget(m.target, target) && m.text === rm.text)) {
      report.matched.memos++;
      continue;
    }
    const wanted = idForGuid('m', rm.guid);
    const id = memos.some((m) => m.id === wanted) ? env.newId('m_') : wanted;
    memos.push({ id, target, coderId: rm.coderGuid ? (coderIds.get(rm.coderGuid) ?? null) : null, text: rm.text, updated: rm.created ?? at });
    report.added.memos++;
  }

  report.coderOf = Object.fromEntries(coderIds);
  const { matrices, ratings } = applyMatrices(data, refi, { codes: codeIds, cases: caseIds, coders: coderIds, codings: codingOf }, report, env);

  const name = options.mode === 'new-project' && refi.projectName.trim() ? refi.projectName.trim() : data.project.name;
  const codebookVersion = data.project.codebookVersion + (report.added.codes > 0 ? 1 : 0);
  return ok({
    data: { ...data, project: { ...data.project, name, codebookVersion }, coders, codebook, attributeDefs, cases, documents, codings, memos, matrices, ratings },
    sources,
    report,
  });
}

/** Each file user's mapping (by GUID), checked: every mapping names a user of the file and a real coder. */
function resolveUserMapping(data: ProjectData, refi: RefiImport, users: readonly RefiUserMapping[]): Result<Map<string, RefiUserMapping>> {
  const out = new Map<string, RefiUserMapping>();
  for (const m of users) {
    const want = m.user.trim().toLowerCase();
    const user = refi.coders.find((u) => u.guid === want) ?? refi.coders.find((u) => u.name.trim().toLowerCase() === want);
    if (!user) return err('not-found', `The file has no user "${m.user}" (its users: ${refi.coders.map((u) => u.name).join(', ') || 'none'})`);
    if (m.coderId !== undefined && !data.coders.some((c) => c.id === m.coderId)) return err('not-found', `No coder with id ${m.coderId} in the project`);
    if (m.coderId === undefined && !m.coderName?.trim()) return err('usage', `Map user "${m.user}" to a coder: give a coder id or a name`);
    out.set(user.guid, m.coderId !== undefined ? { user: user.guid, coderId: m.coderId } : { user: user.guid, coderName: (m.coderName ?? '').trim() });
  }
  return ok(out);
}

function roleName(r: { consensus?: boolean; auto?: boolean }): string {
  return r.consensus ? 'a consensus coder' : r.auto ? 'an automatic coder' : 'an ordinary coder';
}

/** The shortcut when no code of the project has it yet, else none. */
function freeShortcut(codebook: readonly Code[], shortcut: string | undefined): string | null {
  return shortcut && !codebook.some((c) => c.shortcut === shortcut) ? shortcut : null;
}

function coerce(value: AttributeValue, type: string | undefined): AttributeValue | undefined {
  if (value === null || type === undefined) return value;
  if (type === 'text') return String(value);
  if (type === 'number') return typeof value === 'number' ? value : Number.isFinite(Number(value)) && String(value).trim() !== '' ? Number(value) : undefined;
  if (type === 'boolean') return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
  return typeof value === 'string' ? value : undefined;
}

function mapTarget(t: RefiImport['memos'][number]['target'], ids: Record<'code' | 'case' | 'document', Map<string, Id>>): MemoTarget | null {
  if (t.kind === 'project') return { kind: 'project' };
  const id = ids[t.kind].get(t.guid);
  return id ? { kind: t.kind, id } : null;
}

function sameTarget(a: MemoTarget, b: MemoTarget): boolean {
  return a.kind === b.kind && (a.kind === 'project' || (b.kind !== 'project' && a.id === b.id));
}
