import { faithfulTextToDoc, normalizeNewlines } from '../document/plain-text.js';
import { makeAnchor, trimRange } from '../codings/anchor.js';
import type { AttributeDef } from '../model/types.js';
import { assembleCases, assembleMemos, reportLeftovers } from './assemble-extras.js';
import { EXTENSION_NOTE_GUID, EXTENSION_NOTE_NAME, parseExtension, type CasecoderExtension } from './casecoder-extension.js';
import { splitCodeNotes } from './code-description.js';
import { detectUnit, positionTable, type SelectionProbe } from './positions.js';
import type { QdeCode, QdeProject, QdeSelection, QdeTextSource, QdeVariableType } from './qde-model.js';
import type { SourceText } from './source-text.js';
import type { RefiCode, RefiCoder, RefiCoding, RefiDocument, RefiImport, RefiReport, RefiSkipped } from './types.js';

/** Key of the stand-in coder used when a file names no user for a coding. */
export const UNKNOWN_USER_KEY = 'refi-unknown-user';

/** The attribution rule, as the import report states it. */
export const ATTRIBUTION_RULE =
  'Each coding is attributed to the user who created its selection (the passage), else to the user who created the coding, as REFI-QDA records both; NVivo for Windows writes the exporting user on every coding.';

/** Stands in for `/` in imported code names (`/` separates code paths in Casecoder). */
export const CODE_NAME_SLASH = '\u2215';

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
  const report: RefiReport = { positions: [], attribution: { rule: ATTRIBUTION_RULE, users: [], differing: 0 }, notImported: [], notes: [] };
  const found = findExtension(qde, report);
  qde = found.qde;
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
  const codes = parentsFirst(flattenCodes(ctx, qde.codes, null));
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
    extension: found.extension,
    report: { ...report, attribution: { ...report.attribution, users: attributionUsers(ctx) } },
  };
}

/** Take the Casecoder extension note out of the notes (it is data, not a memo). */
function findExtension(qde: QdeProject, report: RefiReport): { qde: QdeProject; extension: CasecoderExtension | null } {
  const note = qde.notes.find((n) => n.guid === EXTENSION_NOTE_GUID || n.name === EXTENSION_NOTE_NAME);
  const parsed = note?.inlineText ? parseExtension(note.inlineText) : null;
  if (!note || !parsed) return { qde, extension: null };
  if (parsed.dropped > 0) report.notes.push(`${parsed.dropped} malformed entr${parsed.dropped === 1 ? 'y' : 'ies'} in the Casecoder data note were ignored.`);
  return { qde: { ...qde, notes: qde.notes.filter((n) => n !== note) }, extension: parsed.ext };
}

function attributionUsers(ctx: AssembleContext): RefiReport['attribution']['users'] {
  const counts = new Map<string, number>();
  for (const c of ctx.codings) if (c.coderGuid) counts.set(c.coderGuid, (counts.get(c.coderGuid) ?? 0) + 1);
  return ctx.coders.map((u) => ({ guid: u.guid, name: u.name, codings: counts.get(u.guid) ?? 0 }));
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
    let parent = parentGuid;
    let name = c.name.trim() || `Code ${c.guid.slice(0, 8)}`;
    const groups = /atlas/i.test(ctx.qde.origin) && parentGuid === null ? name.split('::').map((x) => x.trim()) : [name];
    if (groups.length > 1 && groups.every((g) => g !== '')) {
      // ATLAS.ti writes grouped codes flat as "Group::Code": rebuild the group as a parent code.
      for (const g of groups.slice(0, -1)) parent = groupCode(ctx, out, parent, g);
      ctx.report.notes.push(`Code "${name}" (an ATLAS.ti "Group::Code" name) was placed under "${groups.slice(0, -1).join('/')}".`);
      name = groups[groups.length - 1] ?? name;
    }
    if (name.includes('/')) {
      const safe = name.replaceAll('/', CODE_NAME_SLASH);
      ctx.report.notes.push(`Code "${name}" contains "/", which separates code paths in Casecoder; it was renamed "${safe}" (with "${CODE_NAME_SLASH}", a division slash).`);
      name = safe;
    }
    out.push({ guid: c.guid, parentGuid: parent, name, color, ...notes, codable: c.codable });
    out.push(...flattenCodes(ctx, c.children, c.guid));
  }
  return out;
}

/**
 * The GUID of the parent for an ATLAS.ti "Group::" prefix: a code of that name at that level of
 * the file (ATLAS.ti 8 writes the group itself as a code too), else a group code created once.
 */
function groupCode(ctx: AssembleContext, out: RefiCode[], parentGuid: string | null, name: string): string {
  const siblings = parentGuid === null ? ctx.qde.codes : [];
  const named = siblings.find((c) => c.guid && c.name.trim().toLowerCase() === name.toLowerCase());
  if (named) return named.guid;
  const guid = `atlas-group:${parentGuid ?? ''}:${name.toLowerCase()}`;
  if (!ctx.codeGuids.has(guid)) {
    ctx.codeGuids.add(guid);
    out.push({ guid, parentGuid, name: name.replaceAll('/', CODE_NAME_SLASH), color: null, description: '', inclusion: '', exclusion: '', example: '', codable: false });
  }
  return guid;
}

/** The same codes with every parent before its children (a stable order otherwise). */
function parentsFirst(codes: RefiCode[]): RefiCode[] {
  const out: RefiCode[] = [];
  const placed = new Set<string>();
  const known = new Set(codes.map((c) => c.guid));
  let rest = codes;
  while (rest.length > 0) {
    const next = rest.filter((c) => c.parentGuid !== null && known.has(c.parentGuid) && !placed.has(c.parentGuid));
    const ready = rest.filter((c) => !next.includes(c));
    if (ready.length === 0) return [...out, ...rest]; // a cycle cannot come from a tree; kept as is
    for (const c of ready) {
      out.push(c);
      placed.add(c.guid);
    }
    rest = next;
  }
  return out;
}

/** `#RGB` or `#RRGGBB` → `#rrggbb`. */
function normalizeColor(c: string): string {
  const hex = c.slice(1).toLowerCase();
  return hex.length === 3 ? `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}` : `#${hex}`;
}

/** Coder key: the first user named among the candidates (see {@link ATTRIBUTION_RULE}), else a stand-in. */
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
  if (resolved.rich && 'doc' in resolved.rich && resolved.rich.text === text) {
    doc.doc = resolved.rich.doc;
    doc.structured = true;
  } else if (resolved.rich) {
    const why = 'error' in resolved.rich ? resolved.rich.error : 'its text differs from the plain text the positions refer to';
    ctx.report.notes.push(`The structure of "${title}" (${resolved.rich.path}) could not be used (${why}); the document was rebuilt from the plain text, as paragraphs, with every position intact.`);
  }
  ctx.documents.push(doc);
  const probes: (SelectionProbe & { sel: QdeSelection })[] = [];
  for (const s of src.selections) {
    const start = parseInteger(s.start);
    const end = parseInteger(s.end);
    if (start === null || end === null) ctx.skip('selection', s.guid, s.name || title, `positions "${s.start}"–"${s.end}" are not integers`);
    else probes.push({ start, end, name: s.name, sel: s });
  }
  const detection = detectUnit(resolved.raw, probes, ctx.qde.origin);
  ctx.report.positions.push({ documentGuid: src.guid, title, choice: detection.choice, crlf: resolved.raw.includes('\r\n'), evidence: detection.evidence, fit: detection.fit, total: detection.total, candidates: detection.candidates });
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
    addCodings(ctx, doc, s.codings, anchor, s.description.trim(), s.creatingUser, [s.modifyingUser], s.created, s.guid, seen);
  }
  if (src.codings.length > 0) {
    const whole = trimRange(text, 0, text.length);
    const anchor = makeAnchor(text, whole.start, whole.end);
    if (anchor) addCodings(ctx, doc, src.codings, anchor, '', null, [src.creatingUser], src.created, null, seen);
    else for (const c of src.codings) ctx.skip('coding', c.guid, title, 'a whole-source coding of an empty text');
  }
}

function addCodings(
  ctx: AssembleContext,
  doc: RefiDocument,
  codings: QdeSelection['codings'],
  anchor: { start: number; end: number; exact: string },
  memo: string,
  selectionUser: string | null,
  fallbackUsers: (string | null)[],
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
    const coderGuid = coderFor(ctx, selectionUser, c.creatingUser, ...fallbackUsers, ctx.qde.creatingUser);
    if (selectionUser && c.creatingUser && selectionUser !== c.creatingUser) ctx.report.attribution.differing++;
    const key = `${c.codeGuid}|${coderGuid}|${anchor.start}|${anchor.end}`;
    if (seen.has(key)) {
      ctx.skip('coding', c.guid, anchor.exact.slice(0, 60), 'the same code, coder and span occur twice; kept once');
      continue;
    }
    seen.add(key);
    const coding: RefiCoding = {
      guid: c.guid || `${selectionGuid ?? doc.guid}:${c.codeGuid}`,
      documentGuid: doc.guid,
      codeGuid: c.codeGuid,
      coderGuid,
      start: anchor.start,
      end: anchor.end,
      exact: anchor.exact,
      memo,
      created: c.created ?? created,
    };
    ctx.codings.push(coding);
    if (selectionGuid) ctx.selectionCodings.set(selectionGuid, [...(ctx.selectionCodings.get(selectionGuid) ?? []), coding]);
  }
}

function parseInteger(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d{1,15}$/.test(t)) return null;
  return Number(t);
}
