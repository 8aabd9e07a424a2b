import { faithfulTextToDoc, normalizeNewlines } from '../document/plain-text.js';
import { makeAnchor, trimRange } from '../codings/anchor.js';
import type { AttributeDef } from '../model/types.js';
import { assembleCases, assembleMemos, reportLeftovers } from './assemble-extras.js';
import { splitCodeNotes } from './code-description.js';
import { detectUnit, positionTable, type SelectionProbe } from './positions.js';
import type { QdeCode, QdeProject, QdeSelection, QdeTextSource, QdeVariableType } from './qde-model.js';
import type { SourceText } from './source-text.js';
import type { RefiCode, RefiCoder, RefiCoding, RefiDocument, RefiImport, RefiReport, RefiSkipped } from './types.js';

/** Key of the stand-in coder used when a file names no user for a coding. */
export const UNKNOWN_USER_KEY = 'refi-unknown-user';

/** Shared state while assembling: what exists so far and what was left behind. */
export interface AssembleContext {
  qde: QdeProject;
  texts: ReadonlyMap<string, SourceText>;
  report: RefiReport;
  coders: RefiCoder[];
  codeGuids: Set<string>;
  documents: RefiDocument[];
  codings: RefiCoding[];
  /** Selection GUID → the codings made from it (for notes attached to selections). */
  selectionCodings: Map<string, RefiCoding[]>;
  /** Selection GUID → its document GUID. */
  selectionDocument: Map<string, string>;
  skip(kind: RefiSkipped['kind'], guid: string, name: string, reason: string): void;
}

/**
 * Turn a parsed REFI-QDA file plus the texts the Node side resolved (keyed by source or note GUID)
 * into a {@link RefiImport}: positions converted to canonical offsets in the unit detected per
 * document, codings with exact quotes, and a report of everything not imported. Pure and total:
 * bad items are skipped and reported, never thrown.
 */
export function assembleRefiImport(qde: QdeProject, texts: ReadonlyMap<string, SourceText>, format: RefiImport['format']): RefiImport {
  const report: RefiReport = { positions: [], notImported: [], notes: [] };
  const ctx: AssembleContext = {
    qde,
    texts,
    report,
    coders: [],
    codeGuids: new Set(),
    documents: [],
    codings: [],
    selectionCodings: new Map(),
    selectionDocument: new Map(),
    skip: (kind, guid, name, reason) => report.notImported.push({ kind, guid, name, reason }),
  };
  const seenUsers = new Set<string>();
  for (const u of qde.users) {
    if (!u.guid || seenUsers.has(u.guid)) continue;
    seenUsers.add(u.guid);
    ctx.coders.push({ guid: u.guid, name: u.name.trim() || `User ${u.guid.slice(0, 8)}` });
  }
  const codes = flattenCodes(ctx, qde.codes, null);
  const attributeDefs: AttributeDef[] = [];
  const variableTypes = new Map<string, { name: string; type: QdeVariableType }>();
  for (const v of qde.variables) {
    const name = v.name.trim();
    if (!v.guid || !name || attributeDefs.some((d) => d.name === name)) {
      ctx.skip('variable', v.guid, v.name, 'variable without a GUID or name, or a second variable of the same name');
      continue;
    }
    variableTypes.set(v.guid, { name, type: v.type });
    attributeDefs.push({ name, type: v.type === 'Boolean' ? 'boolean' : v.type === 'Integer' || v.type === 'Float' ? 'number' : v.type === 'Text' ? 'text' : 'date' });
  }
  for (const src of qde.textSources) addDocument(ctx, src);
  const cases = assembleCases(ctx, variableTypes, attributeDefs);
  const memos = assembleMemos(ctx);
  reportLeftovers(ctx);
  return {
    format,
    projectName: qde.name,
    origin: qde.origin,
    coders: ctx.coders,
    codes,
    attributeDefs,
    cases,
    documents: ctx.documents,
    codings: ctx.codings,
    memos,
    report,
  };
}

function flattenCodes(ctx: AssembleContext, codes: readonly QdeCode[], parentGuid: string | null): RefiCode[] {
  const out: RefiCode[] = [];
  const fromCasecoder = /^casecoder/i.test(ctx.qde.origin);
  for (const c of codes) {
    if (!c.guid || ctx.codeGuids.has(c.guid)) {
      ctx.skip('code', c.guid, c.name, c.guid ? 'a second code with the same GUID (its subtree is skipped)' : 'code without a GUID');
      continue;
    }
    ctx.codeGuids.add(c.guid);
    const notes = fromCasecoder ? splitCodeNotes(c.description) : { description: c.description.trim(), inclusion: '', exclusion: '', example: '' };
    const color = c.color ? normalizeColor(c.color) : null;
    if (!c.codable) ctx.report.notes.push(`Code "${c.name}" is not codable in the file (a folder); it became an ordinary code.`);
    out.push({ guid: c.guid, parentGuid, name: c.name.trim() || `Code ${c.guid.slice(0, 8)}`, color, ...notes, codable: c.codable });
    out.push(...flattenCodes(ctx, c.children, c.guid));
  }
  return out;
}

/** `#RGB` or `#RRGGBB` → `#rrggbb`. */
function normalizeColor(c: string): string {
  const hex = c.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}

/** Coder key for a selection's coding: the coding's user, else the selection's, else the project's. */
function coderFor(ctx: AssembleContext, ...candidates: (string | null)[]): string {
  const key = candidates.find((c): c is string => !!c) ?? UNKNOWN_USER_KEY;
  if (!ctx.coders.some((c) => c.guid === key)) {
    ctx.coders.push({ guid: key, name: key === UNKNOWN_USER_KEY ? 'Unknown REFI-QDA user' : `User ${key.slice(0, 8)}` });
    ctx.report.notes.push(key === UNKNOWN_USER_KEY ? 'Some codings name no user; they were given the coder "Unknown REFI-QDA user".' : `User ${key} is referenced but not listed under <Users>; a coder was created for it.`);
  }
  return key;
}

function addDocument(ctx: AssembleContext, src: QdeTextSource): void {
  const title = src.name.trim() || (src.plainTextPath ?? '').replace(/^.*[/\\]/, '') || `Source ${src.guid.slice(0, 8)}`;
  const nSel = src.selections.length;
  if (!src.guid || ctx.documents.some((d) => d.guid === src.guid)) {
    ctx.skip('document', src.guid, title, src.guid ? 'a second source with the same GUID' : 'source without a GUID');
    return;
  }
  let resolved = ctx.texts.get(src.guid);
  if ((!resolved || resolved.kind === 'missing') && src.inlineText) resolved = { kind: 'plain', raw: src.inlineText, from: 'inline' };
  if (!resolved || resolved.kind === 'missing') {
    ctx.skip('document', src.guid, title, `${resolved?.reason ?? 'no text'}${nSel ? `; its ${nSel} selection(s) were not imported` : ''}`);
    return;
  }
  if (resolved.kind === 'doc') {
    ctx.documents.push({ guid: src.guid, title, caseGuid: null, text: resolved.text, doc: resolved.doc, textFrom: 'docx' });
    for (const s of src.selections) ctx.skip('selection', s.guid, s.name || title, 'positions refer to the plain text, which was empty; the text was taken from the DOCX, so they cannot be placed');
    return;
  }
  const text = normalizeNewlines(resolved.raw);
  const doc: RefiDocument = { guid: src.guid, title, caseGuid: null, text, doc: faithfulTextToDoc(text), textFrom: resolved.from };
  ctx.documents.push(doc);
  const probes: (SelectionProbe & { sel: QdeSelection })[] = [];
  for (const s of src.selections) {
    const start = parseInteger(s.start);
    const end = parseInteger(s.end);
    if (start === null || end === null) ctx.skip('selection', s.guid, s.name || title, `positions "${s.start}"–"${s.end}" are not integers`);
    else probes.push({ start, end, name: s.name, sel: s });
  }
  const detection = detectUnit(resolved.raw, probes, ctx.qde.origin);
  ctx.report.positions.push({ documentGuid: src.guid, title, choice: detection.choice, evidence: detection.evidence, fit: detection.fit, total: detection.total, candidates: detection.candidates });
  const table = positionTable(resolved.raw, detection.choice);
  const seen = new Set<string>();
  for (const p of probes) {
    const s = p.sel;
    const a = p.start >= 0 && p.start < table.length ? table[p.start] : undefined;
    const b = p.end >= 0 && p.end < table.length ? table[p.end] : undefined;
    const anchor = a !== undefined && b !== undefined ? makeAnchor(text, a, b) : null;
    if (!anchor) {
      const why = a === undefined || b === undefined ? `out of range (text has ${table.length - 1} positions)` : 'empty or reversed';
      ctx.skip('selection', s.guid, s.name || title, `selection ${p.start}–${p.end} is ${why}; its ${s.codings.length} coding(s) were not imported`);
      continue;
    }
    ctx.selectionDocument.set(s.guid, src.guid);
    if (s.codings.length === 0) continue; // an annotation: handled with the memos
    addCodings(ctx, doc, s.codings, anchor, s.description.trim(), [s.creatingUser, s.modifyingUser], s.created, s.guid, seen);
  }
  if (src.codings.length > 0) {
    const whole = trimRange(text, 0, text.length);
    const anchor = makeAnchor(text, whole.start, whole.end);
    if (anchor) addCodings(ctx, doc, src.codings, anchor, '', [src.creatingUser], src.created, null, seen);
    else for (const c of src.codings) ctx.skip('coding', c.guid, title, 'a whole-source coding of an empty text');
  }
}

function addCodings(
  ctx: AssembleContext,
  doc: RefiDocument,
  codings: QdeSelection['codings'],
  anchor: { start: number; end: number; exact: string },
  memo: string,
  users: (string | null)[],
  created: string | null,
  selectionGuid: string | null,
  seen: Set<string>,
): void {
  for (const c of codings) {
    if (!ctx.codeGuids.has(c.codeGuid)) {
      const isCase = ctx.qde.cases.some((k) => k.guid === c.codeGuid);
      ctx.skip('coding', c.guid, anchor.exact.slice(0, 60), isCase ? `refers to case ${c.codeGuid}, not a code (NVivo case coding)` : `refers to code ${c.codeGuid || '(none)'}, which is not in the codebook`);
      continue;
    }
    const coderGuid = coderFor(ctx, c.creatingUser, ...users, ctx.qde.creatingUser);
    const key = `${c.codeGuid}|${coderGuid}|${anchor.start}|${anchor.end}`;
    if (seen.has(key)) {
      ctx.skip('coding', c.guid, anchor.exact.slice(0, 60), 'the same code, coder and span occur twice; kept once');
      continue;
    }
    seen.add(key);
    const coding: RefiCoding = { guid: c.guid || `${selectionGuid ?? doc.guid}:${c.codeGuid}`, documentGuid: doc.guid, codeGuid: c.codeGuid, coderGuid, start: anchor.start, end: anchor.end, exact: anchor.exact, memo, created: c.created ?? created };
    ctx.codings.push(coding);
    if (selectionGuid) ctx.selectionCodings.set(selectionGuid, [...(ctx.selectionCodings.get(selectionGuid) ?? []), coding]);
  }
}

function parseInteger(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d{1,15}$/.test(t)) return null;
  return Number(t);
}
