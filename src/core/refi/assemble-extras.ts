import type { AttributeDef, AttributeValue } from '../model/types.js';
import type { AssembleContext } from './assemble.js';
import type { QdeTextSource, QdeVariableType, QdeVariableValue } from './qde-model.js';
import type { RefiCase, RefiMemo, RefiMemoTarget } from './types.js';

type VariableTypes = ReadonlyMap<string, { name: string; type: QdeVariableType }>;

/**
 * Cases and their typed attributes. REFI `Case`s become cases; `SourceRef`s assign documents to
 * them (first case wins). Variable values written on a source (MAXQDA style) go to that source's
 * case, or to a new case named after the document when it has none. A nameless case with one
 * source takes the source's title (Quirkos/MAXQDA file variables).
 */
export function assembleCases(ctx: AssembleContext, variables: VariableTypes, defs: AttributeDef[]): RefiCase[] {
  const cases: RefiCase[] = [];
  const docs = new Map(ctx.documents.map((d) => [d.guid, d]));
  for (const k of ctx.qde.cases) {
    const single = k.sourceRefs.length === 1 ? docs.get(k.sourceRefs[0] ?? '') : undefined;
    const name = k.name.trim() || single?.title || `Case ${k.guid.slice(0, 8)}`;
    if (!k.guid || cases.some((c) => c.guid === k.guid)) {
      ctx.skip('case', k.guid, name, k.guid ? 'a second case with the same GUID' : 'case without a GUID');
      continue;
    }
    const kase: RefiCase = { guid: k.guid, name, attributes: {} };
    cases.push(kase);
    setValues(ctx, kase, k.values, variables);
    for (const ref of k.sourceRefs) {
      const d = docs.get(ref);
      if (!d) ctx.skip('case', k.guid, name, `refers to source ${ref}, which was not imported`);
      else if (d.caseGuid && d.caseGuid !== k.guid) ctx.report.notes.push(`Document "${d.title}" belongs to several cases; it was kept in the first one.`);
      else d.caseGuid = k.guid;
    }
    if (k.codeRefs.length > 0) ctx.skip('case', k.guid, name, `${k.codeRefs.length} code reference(s) on the case are not represented in Casecoder`);
    if (k.selectionRefs.length > 0) ctx.skip('case', k.guid, name, `${k.selectionRefs.length} selection reference(s) on the case are not represented in Casecoder`);
    if (k.description.trim()) ctx.report.notes.push(`Case "${name}" has a description; it became a case memo.`);
  }
  for (const src of ctx.qde.textSources) {
    const d = docs.get(src.guid);
    if (!d || src.values.length === 0) continue;
    let kase = cases.find((c) => c.guid === d.caseGuid);
    if (!kase) {
      kase = { guid: `source-case:${src.guid}`, name: d.title, attributes: {} };
      cases.push(kase);
      d.caseGuid = kase.guid;
      ctx.report.notes.push(`Variables of source "${d.title}" were put on a new case of the same name (Casecoder keeps attributes on cases).`);
    }
    setValues(ctx, kase, src.values, variables);
  }
  void defs;
  return cases;
}

function setValues(ctx: AssembleContext, kase: RefiCase, values: readonly QdeVariableValue[], variables: VariableTypes): void {
  for (const v of values) {
    const variable = variables.get(v.variableGuid);
    if (!variable) {
      ctx.skip('variable', v.variableGuid, kase.name, `a value refers to variable ${v.variableGuid || '(none)'}, which is not declared`);
      continue;
    }
    const value = convertValue(v.raw, variable.type);
    if (value === undefined) {
      ctx.skip('variable', v.variableGuid, `${kase.name}: ${variable.name}`, `value "${v.raw}" is not a valid ${variable.type}`);
      continue;
    }
    if (kase.attributes[variable.name] === undefined) kase.attributes[variable.name] = value;
    else if (kase.attributes[variable.name] !== value) ctx.report.notes.push(`Case "${kase.name}" has two values for "${variable.name}"; the first was kept.`);
  }
}

/** A typed attribute value from the text of a REFI value element; undefined when it does not parse. */
export function convertValue(raw: string, type: QdeVariableType): AttributeValue | undefined {
  const t = raw.trim();
  switch (type) {
    case 'Text':
      return raw;
    case 'Boolean':
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
    case 'Integer':
    case 'Float': {
      if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
      const n = Number(t);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'Date':
      return /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : undefined;
    case 'DateTime':
      return /^\d{4}-\d{2}-\d{2}T/.test(t) ? t : undefined;
  }
}

/**
 * Notes become memos on what they are attached to: `NoteRef`s on the project, a code, a source or
 * a selection/coding (the memo goes into the coding's memo), or a `Link` from the note to one of
 * those (NVivo annotations, Casecoder case memos). A note attached to nothing is a project memo.
 * Selections without codings (annotations) become document memos quoting the passage.
 */
export function assembleMemos(ctx: AssembleContext): RefiMemo[] {
  const memos: RefiMemo[] = [];
  const notes = new Map(ctx.qde.notes.filter((n) => n.guid).map((n) => [n.guid, n]));
  const used = new Set<string>();
  const docGuids = new Set(ctx.documents.map((d) => d.guid));
  const codingByGuid = new Map(ctx.codings.map((c) => [c.guid, c]));
  const caseGuids = new Set(ctx.qde.cases.map((c) => c.guid));
  const attach = (noteGuid: string, targetGuid: string | null): void => {
    const note = notes.get(noteGuid);
    if (!note) {
      ctx.skip('note', noteGuid, '', `a reference to note ${noteGuid}, which is not in <Notes>`);
      return;
    }
    used.add(noteGuid);
    const text = noteText(ctx, note);
    if (text === null) return;
    const selCodings = targetGuid ? ctx.selectionCodings.get(targetGuid) : undefined;
    const coding = targetGuid ? codingByGuid.get(targetGuid) : undefined;
    if (selCodings || coding) {
      for (const c of selCodings ?? (coding ? [coding] : [])) c.memo = c.memo ? `${c.memo}\n\n${text}` : text;
      return;
    }
    let target: RefiMemoTarget = { kind: 'project' };
    if (targetGuid && ctx.codeGuids.has(targetGuid)) target = { kind: 'code', guid: targetGuid };
    else if (targetGuid && docGuids.has(targetGuid)) target = { kind: 'document', guid: targetGuid };
    else if (targetGuid && caseGuids.has(targetGuid)) target = { kind: 'case', guid: targetGuid };
    else if (targetGuid && ctx.selectionDocument.has(targetGuid)) target = { kind: 'document', guid: ctx.selectionDocument.get(targetGuid) ?? '' };
    else if (targetGuid) ctx.report.notes.push(`Note "${note.name || noteGuid}" is attached to ${targetGuid}, which was not imported; it became a project memo.`);
    // The first memo made from a note keeps the note's GUID (so ids map back on re-export).
    const guid = memos.some((m) => m.guid === noteGuid) ? `${noteGuid}@${targetGuid ?? 'project'}` : noteGuid;
    memos.push({ guid, target, coderGuid: note.creatingUser, text, created: note.created });
  };
  for (const ref of ctx.qde.projectNoteRefs) attach(ref, null);
  const walkCodes = (codes: typeof ctx.qde.codes): void => {
    for (const c of codes) {
      for (const ref of c.noteRefs) attach(ref, c.guid);
      walkCodes(c.children);
    }
  };
  walkCodes(ctx.qde.codes);
  for (const src of ctx.qde.textSources) {
    for (const ref of src.noteRefs) attach(ref, src.guid);
    for (const s of src.selections) {
      for (const ref of s.noteRefs) attach(ref, s.guid);
      for (const c of s.codings) for (const ref of c.noteRefs) attach(ref, c.guid);
      const docGuid = ctx.selectionDocument.get(s.guid);
      if (s.codings.length === 0 && docGuid && s.description.trim()) {
        const quote = ctx.documents.find((d) => d.guid === docGuid)?.text ?? '';
        memos.push({ guid: `annotation:${s.guid}`, target: { kind: 'document', guid: docGuid }, coderGuid: s.creatingUser, text: `Annotation on "${s.name || quote.slice(0, 60)}": ${s.description.trim()}`, created: s.created });
      } else if (s.codings.length === 0 && docGuid && s.noteRefs.length === 0 && !ctx.qde.links.some((l) => l.target === s.guid)) {
        ctx.skip('selection', s.guid, s.name, 'a selection with no coding and no annotation');
      }
    }
  }
  for (const link of ctx.qde.links) {
    if (link.origin && notes.has(link.origin)) attach(link.origin, link.target);
    else if (link.target && notes.has(link.target)) attach(link.target, link.origin);
    else ctx.skip('link', link.guid, link.name, 'links between items are not represented in Casecoder');
  }
  for (const k of ctx.qde.cases) {
    if (k.description.trim()) memos.push({ guid: `case-description:${k.guid}`, target: { kind: 'case', guid: k.guid }, coderGuid: null, text: k.description.trim(), created: null });
  }
  for (const n of ctx.qde.notes) {
    if (used.has(n.guid)) continue;
    const text = noteText(ctx, n);
    if (text !== null) memos.push({ guid: n.guid, target: { kind: 'project' }, coderGuid: n.creatingUser, text, created: n.created });
  }
  if (ctx.qde.description.trim()) memos.push({ guid: 'project-description', target: { kind: 'project' }, coderGuid: null, text: ctx.qde.description.trim(), created: null });
  return memos;
}

/** A note's memo text: its name (unless the text already begins with it), description and text. */
function noteText(ctx: AssembleContext, note: QdeTextSource): string | null {
  const resolved = ctx.texts.get(note.guid);
  const body = resolved?.kind === 'plain' ? resolved.raw.replace(/\r\n?/g, '\n') : resolved?.kind === 'doc' ? resolved.text : (note.inlineText ?? '');
  const parts: string[] = [];
  const name = note.name.trim();
  if (name && !body.trimStart().startsWith(name)) parts.push(name);
  if (note.description.trim()) parts.push(note.description.trim());
  if (body.trim()) parts.push(body.trim());
  if (note.selections.length > 0) ctx.skip('selection', note.guid, note.name, `${note.selections.length} selection(s) inside a note are not represented in Casecoder`);
  if (parts.length === 0) {
    ctx.skip('note', note.guid, note.name, resolved?.kind === 'missing' ? resolved.reason : 'an empty note');
    return null;
  }
  return parts.join('\n\n');
}

/** Report every element with no Casecoder counterpart: media and PDF sources, sets, graphs, unknown elements. */
export function reportLeftovers(ctx: AssembleContext): void {
  const kinds = { PictureSource: 'picture', PDFSource: 'pdf', AudioSource: 'audio', VideoSource: 'video' } as const;
  for (const s of ctx.qde.otherSources) {
    const parts = [`${s.selections} selection(s)`, `${s.codings} coding(s)`];
    if (s.textParts.length > 0) parts.push(`${s.textParts.length} text representation(s)/transcript(s)`);
    ctx.skip(kinds[s.element], s.guid, s.name, `${s.element} is not supported (only text sources are); with ${parts.join(', ')}`);
  }
  for (const set of ctx.qde.sets) {
    const n = set.memberCodes.length + set.memberSources.length + set.memberNotes.length;
    ctx.skip('set', set.guid, set.name, `sets are not represented in Casecoder (${n} member(s))`);
  }
  for (const g of ctx.qde.graphs) ctx.skip('graph', g.guid, g.name, 'graphs (networks) are not represented in Casecoder');
  for (const name of ctx.qde.unknownElements) ctx.skip('element', '', name, 'an element this reader does not know');
}
