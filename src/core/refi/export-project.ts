import { anchorStatus } from '../codings/anchor.js';
import { faithfulTextToDoc } from '../document/plain-text.js';
import { childrenOf } from '../codebook/paths.js';
import { err, ok, type Result } from '../model/result.js';
import type { AttributeDef, Code, Memo, ProjectData, SourceContent } from '../model/types.js';
import { buildExtension, EXTENSION_NOTE_GUID, EXTENSION_NOTE_NAME, extensionNoteText } from './casecoder-extension.js';
import { joinCodeNotes } from './code-description.js';
import { guidForId } from './guid.js';
import { canonicalToRefi, type PositionUnit } from './positions.js';
import { el, serializeXml, type XmlOut } from './xml-write.js';

/** Namespaces written on export (exactly as the official schemas declare them). */
export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

export interface RefiExportOptions {
  /** Unit of `startPosition`/`endPosition`: code points (the specification; default) or UTF-16 units (NVivo). */
  positions?: PositionUnit;
  /** `origin` attribute; begins with "Casecoder" so our importer recognises its own files. */
  origin?: string;
  /**
   * Name a rich-text source (`sources/<guid>.docx`) for every document with more structure than
   * plain paragraphs, which the caller writes (see `richSources`): the document's structure, as
   * NVivo writes it beside the plain text.
   */
  richText?: boolean;
}

/** The pieces of a `.qdpx`: the project XML and the plain-text files for `sources/`. */
export interface QdpxParts {
  qde: string;
  files: { path: string; text: string }[];
  /** The DOCX files named by `richTextPath` (with `richText`), for the caller to write from the documents. */
  richSources: { documentId: string; path: string }[];
  /** Things not exported, one sentence each (e.g. orphaned codings). */
  skipped: string[];
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Build a REFI-QDA 1.0 project from Casecoder data: users, codebook (inclusion, exclusion and
 * example notes folded into the description), variables, cases, text sources with one
 * `PlainTextSelection` per coding (its quote as `name`, its memo as `Description`), memos as
 * notes. Elements follow the schema's sequence order and no container is left empty, so the result
 * validates against Project.xsd. Positions count code points in the LF text unless `utf16` is
 * asked for. Fails with `not-found` when a document's content is missing.
 */
export function buildQdpxParts(data: ProjectData, sources: readonly SourceContent[], options: RefiExportOptions = {}): Result<QdpxParts> {
  const unit = options.positions ?? 'codepoints';
  const byId = new Map(sources.map((s) => [s.id, s]));
  const skipped: string[] = [];
  const userGuid = (id: string | null): string | undefined => (id && data.coders.some((c) => c.id === id) ? guidForId(id) : undefined);
  const memosFor = (pred: (m: Memo) => boolean): XmlOut[] => data.memos.filter(pred).map((m) => el('NoteRef', { targetGUID: guidForId(m.id) }));

  const project: XmlOut[] = [];
  if (data.coders.length > 0)
    project.push(
      el(
        'Users',
        {},
        data.coders.map((c) => el('User', { guid: guidForId(c.id), name: c.name })),
      ),
    );
  if (data.codebook.length > 0) project.push(el('CodeBook', {}, [el('Codes', {}, codeElements(data, null, true))]));

  const variables = exportVariables(data.attributeDefs, data);
  if (variables.length > 0)
    project.push(
      el(
        'Variables',
        {},
        variables.map((v) => el('Variable', { guid: v.guid, name: v.def.name, typeOfVariable: v.type })),
      ),
    );
  if (data.cases.length > 0) {
    project.push(
      el(
        'Cases',
        {},
        data.cases.map((k) =>
          el('Case', { guid: guidForId(k.id), name: k.name }, [
            ...variables.flatMap((v) => {
              const value = k.attributes[v.def.name];
              return value === undefined || value === null ? [] : [el('VariableValue', {}, [el('VariableRef', { targetGUID: v.guid }), el(`${v.type}Value`, {}, [], formatValue(value))])];
            }),
            ...data.documents.filter((d) => d.caseId === k.id).map((d) => el('SourceRef', { targetGUID: guidForId(d.id) })),
          ]),
        ),
      ),
    );
  }

  const files: QdpxParts['files'] = [];
  const richSources: QdpxParts['richSources'] = [];
  const exportedCodings = new Set<string>();
  const textSources: XmlOut[] = [];
  for (const d of data.documents) {
    const content = byId.get(d.id);
    if (!content) return err('not-found', `The content of document "${d.title}" (${d.id}) is missing; cannot export`);
    const guid = guidForId(d.id);
    const toRefi = canonicalToRefi(content.text, unit);
    const selections: XmlOut[] = [];
    const codings = data.codings.filter((c) => c.documentId === d.id).sort((a, b) => a.start - b.start || a.end - b.end);
    for (const c of codings) {
      if (anchorStatus(content.text, c) !== 'intact' || c.start >= c.end) {
        skipped.push(`Coding ${c.id} in "${d.title}" is orphaned (its quote no longer matches the text) and was not exported.`);
        continue;
      }
      if (!data.codebook.some((k) => k.id === c.codeId)) {
        skipped.push(`Coding ${c.id} in "${d.title}" refers to a code that no longer exists and was not exported.`);
        continue;
      }
      exportedCodings.add(c.id);
      const user = userGuid(c.coderId);
      const created = DATE_TIME.test(c.created) ? c.created : undefined;
      const updated = DATE_TIME.test(c.updated) ? c.updated : undefined;
      selections.push(
        el(
          'PlainTextSelection',
          {
            guid: guidForId(`${guidForId(c.id)}#selection`),
            name: quoteName(c.exact),
            startPosition: toRefi(c.start),
            endPosition: toRefi(c.end),
            creatingUser: user,
            creationDateTime: created,
            modifyingUser: user,
            modifiedDateTime: updated,
          },
          [...(c.memo ? [el('Description', {}, [], c.memo)] : []), el('Coding', { guid: guidForId(c.id), creatingUser: user, creationDateTime: created }, [el('CodeRef', { targetGUID: guidForId(c.codeId) })])],
        ),
      );
    }
    const path = `${guid}.txt`;
    files.push({ path: `sources/${path}`, text: content.text });
    // A document of plain paragraphs is rebuilt exactly from its text; only structure needs a DOCX.
    const rich = options.richText && !isPlainStructure(content) ? `${guid}.docx` : undefined;
    if (rich) richSources.push({ documentId: d.id, path: `sources/${rich}` });
    textSources.push(
      el('TextSource', { guid, name: d.title, richTextPath: rich ? `internal://${rich}` : undefined, plainTextPath: `internal://${path}`, creationDateTime: DATE_TIME.test(d.importedAt) ? d.importedAt : undefined }, [
        ...selections,
        ...memosFor((m) => m.target.kind === 'document' && m.target.id === d.id),
      ]),
    );
  }
  if (textSources.length > 0) project.push(el('Sources', {}, textSources));

  const notes = data.memos.filter((m) => m.target.kind === 'project' || targetExists(data, m));
  const noteElements = notes.map((m) =>
    el('Note', { guid: guidForId(m.id), name: m.text.split('\n')[0]?.slice(0, 80) ?? '', creatingUser: userGuid(m.coderId), creationDateTime: DATE_TIME.test(m.updated) ? m.updated : undefined }, [el('PlainTextContent', {}, [], m.text)]),
  );
  const extension = buildExtension(data, exportedCodings);
  if (extension) noteElements.push(el('Note', { guid: EXTENSION_NOTE_GUID, name: EXTENSION_NOTE_NAME }, [el('PlainTextContent', {}, [], extensionNoteText(extension))]));
  if (noteElements.length > 0) project.push(el('Notes', {}, noteElements));
  const caseMemos = notes.filter((m) => m.target.kind === 'case');
  if (caseMemos.length > 0) {
    project.push(
      el(
        'Links',
        {},
        caseMemos.map((m) => el('Link', { guid: guidForId(`${guidForId(m.id)}#link`), name: 'Case memo', direction: 'OneWay', originGUID: guidForId(m.id), targetGUID: m.target.kind === 'case' ? guidForId(m.target.id) : undefined })),
      ),
    );
  }
  project.push(...memosFor((m) => m.target.kind === 'project'));
  for (const m of data.memos) if (!notes.includes(m)) skipped.push(`Memo ${m.id} is attached to something that no longer exists and was not exported.`);

  const firstCoder = data.coders[0];
  const root = el(
    'Project',
    {
      xmlns: PROJECT_NS,
      name: data.project.name,
      origin: options.origin ?? 'Casecoder',
      creatingUserGUID: firstCoder ? guidForId(firstCoder.id) : undefined,
      creationDateTime: DATE_TIME.test(data.project.created) ? data.project.created : undefined,
    },
    project,
  );
  return ok({ qde: serializeXml(root), files, richSources, skipped });
}

/**
 * A REFI-QDA codebook (`.qdc`) of the project's code tree; valid against Codebook.xsd.
 * Fails with `invalid` for an empty codebook, which the schema cannot express.
 */
export function buildQdc(data: ProjectData, options: Pick<RefiExportOptions, 'origin'> = {}): Result<string> {
  if (data.codebook.length === 0) return err('invalid', 'The codebook is empty; a .qdc needs at least one code');
  return ok(serializeXml(el('CodeBook', { xmlns: CODEBOOK_NS, origin: options.origin ?? 'Casecoder' }, [el('Codes', {}, codeElements(data, null, false))])));
}

function codeElements(data: ProjectData, parentId: string | null, withNotes: boolean, seen = new Set<string>()): XmlOut[] {
  return childrenOf(data.codebook, parentId)
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
    .map((c: Code) => {
      const description = joinCodeNotes(c);
      return el('Code', { guid: guidForId(c.id), name: c.name, isCodable: 'true', color: /^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color : undefined }, [
        ...(description ? [el('Description', {}, [], description)] : []),
        ...(withNotes ? data.memos.filter((m) => m.target.kind === 'code' && m.target.id === c.id).map((m) => el('NoteRef', { targetGUID: guidForId(m.id) })) : []),
        ...codeElements(data, c.id, withNotes, seen),
      ]);
    });
}

type VariableType = 'Text' | 'Boolean' | 'Float' | 'Date' | 'DateTime';

function exportVariables(defs: readonly AttributeDef[], data: ProjectData): { def: AttributeDef; guid: string; type: VariableType }[] {
  return defs.map((def) => {
    const values = data.cases.map((k) => k.attributes[def.name]).filter((v) => v !== undefined && v !== null);
    let type: VariableType = 'Text';
    if (def.type === 'boolean' && values.every((v) => typeof v === 'boolean')) type = 'Boolean';
    else if (def.type === 'number' && values.every((v) => typeof v === 'number' && Number.isFinite(v))) type = 'Float';
    else if (def.type === 'date' && values.every((v) => typeof v === 'string' && DATE.test(v))) type = 'Date';
    else if (def.type === 'date' && values.every((v) => typeof v === 'string' && DATE_TIME.test(v))) type = 'DateTime';
    return { def, guid: guidForId(`attribute:${def.name}`), type };
  });
}

/** An attribute value as schema text; numbers as xsd:decimal (never exponent notation). */
function formatValue(v: string | number | boolean): string {
  if (typeof v !== 'number') return String(v);
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(20).replace(/\.?0+$/, '');
}

/** A selection name: the quote, shortened to 100 code points with an ellipsis. */
function quoteName(exact: string): string {
  const cps = Array.from(exact);
  return cps.length <= 100 ? exact : `${cps.slice(0, 100).join('')}…`;
}

/** True when the document is exactly what its plain text rebuilds (paragraphs and line breaks only). */
function isPlainStructure(content: SourceContent): boolean {
  return JSON.stringify(faithfulTextToDoc(content.text)) === JSON.stringify(content.doc);
}

function targetExists(data: ProjectData, m: Memo): boolean {
  const t = m.target;
  if (t.kind === 'code') return data.codebook.some((c) => c.id === t.id);
  if (t.kind === 'document') return data.documents.some((d) => d.id === t.id);
  if (t.kind === 'case') return data.cases.some((c) => c.id === t.id);
  return true;
}
