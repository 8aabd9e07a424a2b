import type { PageStart, Provenance, ProjectData, SourceFormat } from '../model/types.js';
import { DECISIONS, SOURCE_FORMATS } from '../model/project-schema.js';
import { guidForId, guidKey } from './guid.js';

/**
 * What REFI-QDA has no element for, carried in one project `Note` so that a Casecoder → .qdpx →
 * Casecoder round trip loses nothing: coder roles (consensus, auto), code shortcuts, document
 * details (format, source file, import time, page map), coding provenance and update times, and
 * the matrices with every rating, its note and its evidence. Everything is keyed by the GUIDs the
 * same export writes, so the importer can map it onto the objects it creates.
 *
 * The note is an ordinary `<Note>` with `PlainTextContent` (valid against Project.xsd): a sentence
 * for people who open the file elsewhere, then one JSON object. Other programs show it as a memo.
 */
export interface CasecoderExtension {
  format: typeof EXTENSION_FORMAT;
  version: 1;
  coders: { user: string; consensus?: true; auto?: true }[];
  codes: { code: string; shortcut: string }[];
  documents: { source: string; format: SourceFormat; sourceFile: string; importedAt: string; pages?: PageStart[] }[];
  codings: { coding: string; updated: string; provenance?: GuidProvenance }[];
  matrices: { matrix: string; name: string; columns: string[]; rows: string[]; scale: string[]; notApplicable: string }[];
  ratings: {
    rating: string;
    matrix: string;
    case: string;
    code: string;
    coder: string;
    value: string | null;
    note: string;
    evidence: string[];
    updated: string;
    provenance?: GuidProvenance;
  }[];
}

/** A {@link Provenance} whose coder and coding ids are GUIDs of the same file. */
export interface GuidProvenance {
  decidedBy: string;
  fromCodings: string[];
  decision: Provenance['decision'];
  at: string;
}

const EXTENSION_FORMAT = 'casecoder-refi-extension';

/** The `name` of the note that carries the extension (the importer recognises it by this and its content). */
export const EXTENSION_NOTE_NAME = 'Casecoder data (coder roles, matrices, ratings)';

const PREAMBLE =
  'Casecoder keeps here what REFI-QDA has no element for: coder roles (consensus, automatic), matrices with their ratings, notes and evidence, code shortcuts and document details. Casecoder reads this note back on import; other programs may show it as a memo.';

/** GUID of the extension note: one fixed GUID (a file holds at most one), so re-exports keep it. */
export const EXTENSION_NOTE_GUID = guidForId('casecoder-refi-extension');

function provenanceOut(p: Provenance | undefined): GuidProvenance | undefined {
  return p ? { decidedBy: guidForId(p.decidedBy), fromCodings: p.fromCodingIds.map(guidForId), decision: p.decision, at: p.at } : undefined;
}

/**
 * The extension for a project, or null when it would carry nothing. `exportedCodings` are the ids
 * of the codings the export wrote (orphaned ones are left out, so nothing may refer to them).
 */
export function buildExtension(data: ProjectData, exportedCodings: ReadonlySet<string>): CasecoderExtension | null {
  const ext: CasecoderExtension = {
    format: EXTENSION_FORMAT,
    version: 1,
    coders: data.coders.filter((c) => c.consensus || c.auto).map((c) => ({ user: guidForId(c.id), ...(c.consensus ? { consensus: true as const } : {}), ...(c.auto ? { auto: true as const } : {}) })),
    codes: data.codebook.filter((c) => c.shortcut).map((c) => ({ code: guidForId(c.id), shortcut: c.shortcut ?? '' })),
    documents: data.documents.map((d) => ({ source: guidForId(d.id), format: d.format, sourceFile: d.sourceFile, importedAt: d.importedAt, ...(d.pages ? { pages: d.pages } : {}) })),
    codings: data.codings
      .filter((c) => exportedCodings.has(c.id))
      .map((c) => {
        const provenance = provenanceOut(c.provenance);
        return { coding: guidForId(c.id), updated: c.updated, ...(provenance ? { provenance } : {}) };
      }),
    matrices: data.matrices.map((m) => ({ matrix: guidForId(m.id), name: m.name, columns: m.columns.map(guidForId), rows: m.rows.map(guidForId), scale: m.scale, notApplicable: m.notApplicable })),
    ratings: data.ratings.map((r) => {
      const provenance = provenanceOut(r.provenance);
      return {
        rating: guidForId(r.id),
        matrix: guidForId(r.matrixId),
        case: guidForId(r.caseId),
        code: guidForId(r.codeId),
        coder: guidForId(r.coderId),
        value: r.value,
        note: r.note,
        evidence: r.evidence.filter((id) => exportedCodings.has(id)).map(guidForId),
        updated: r.updated,
        ...(provenance ? { provenance } : {}),
      };
    }),
  };
  const empty = ext.coders.length + ext.codes.length + ext.documents.length + ext.codings.length + ext.matrices.length + ext.ratings.length === 0;
  return empty ? null : ext;
}

/** The note's text: the sentence for people, a blank line, the JSON. */
export function extensionNoteText(ext: CasecoderExtension): string {
  return `${PREAMBLE}\n\n${JSON.stringify(ext)}`;
}

/**
 * Read an extension back from a note's text. Returns null when the text is not one (so the note
 * stays an ordinary memo), or the extension with every malformed entry dropped and counted in
 * `dropped` (never trusted blindly: the file may have been edited elsewhere).
 */
export function parseExtension(text: string): { ext: CasecoderExtension; dropped: number } | null {
  const at = text.indexOf('{');
  if (at < 0 || !text.includes(`"${EXTENSION_FORMAT}"`)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(at));
  } catch {
    return null;
  }
  if (!isObj(raw) || raw['format'] !== EXTENSION_FORMAT || raw['version'] !== 1) return null;
  let dropped = 0;
  const list = <T>(key: string, read: (x: Record<string, unknown>) => T | null): T[] => {
    const xs = Array.isArray(raw[key]) ? (raw[key] as unknown[]) : [];
    const out: T[] = [];
    for (const x of xs) {
      const v = isObj(x) ? read(x) : null;
      if (v === null) dropped++;
      else out.push(v);
    }
    return out;
  };
  const ext: CasecoderExtension = {
    format: EXTENSION_FORMAT,
    version: 1,
    coders: list('coders', (x) => (str(x['user']) ? { user: guidKey(x['user'] as string), ...(x['consensus'] === true ? { consensus: true as const } : {}), ...(x['auto'] === true ? { auto: true as const } : {}) } : null)),
    codes: list('codes', (x) => (str(x['code']) && typeof x['shortcut'] === 'string' && /^[1-9]$/.test(x['shortcut']) ? { code: guidKey(x['code'] as string), shortcut: x['shortcut'] } : null)),
    documents: list('documents', (x) => {
      if (!str(x['source']) || !SOURCE_FORMATS.includes(x['format'] as SourceFormat) || typeof x['sourceFile'] !== 'string' || typeof x['importedAt'] !== 'string') return null;
      const pages = Array.isArray(x['pages']) && x['pages'].every((p) => isObj(p) && Number.isInteger(p['page']) && Number.isInteger(p['offset'])) ? (x['pages'] as PageStart[]).map((p) => ({ page: p.page, offset: p.offset })) : undefined;
      return { source: guidKey(x['source'] as string), format: x['format'] as SourceFormat, sourceFile: x['sourceFile'], importedAt: x['importedAt'], ...(pages ? { pages } : {}) };
    }),
    codings: list('codings', (x) => {
      if (!str(x['coding']) || typeof x['updated'] !== 'string') return null;
      const provenance = readProvenance(x['provenance']);
      if (provenance === null) return null;
      return { coding: guidKey(x['coding'] as string), updated: x['updated'], ...(provenance ? { provenance } : {}) };
    }),
    matrices: list('matrices', (x) =>
      str(x['matrix']) && typeof x['name'] === 'string' && strings(x['columns']) && strings(x['rows']) && strings(x['scale']) && typeof x['notApplicable'] === 'string'
        ? { matrix: guidKey(x['matrix'] as string), name: x['name'], columns: (x['columns'] as string[]).map(guidKey), rows: (x['rows'] as string[]).map(guidKey), scale: x['scale'] as string[], notApplicable: x['notApplicable'] }
        : null,
    ),
    ratings: list('ratings', (x) => {
      const ids = ['rating', 'matrix', 'case', 'code', 'coder'].every((k) => str(x[k]));
      if (!ids || !(x['value'] === null || typeof x['value'] === 'string') || typeof x['note'] !== 'string' || !strings(x['evidence']) || typeof x['updated'] !== 'string') return null;
      const provenance = readProvenance(x['provenance']);
      if (provenance === null) return null;
      const g = (k: string): string => guidKey(x[k] as string);
      return {
        rating: g('rating'),
        matrix: g('matrix'),
        case: g('case'),
        code: g('code'),
        coder: g('coder'),
        value: x['value'] as string | null,
        note: x['note'],
        evidence: (x['evidence'] as string[]).map(guidKey),
        updated: x['updated'],
        ...(provenance ? { provenance } : {}),
      };
    }),
  };
  return { ext, dropped };
}

/** undefined when absent, null when present but malformed. */
function readProvenance(p: unknown): GuidProvenance | undefined | null {
  if (p === undefined) return undefined;
  if (!isObj(p) || !str(p['decidedBy']) || !strings(p['fromCodings']) || !DECISIONS.includes(p['decision'] as Provenance['decision']) || typeof p['at'] !== 'string') return null;
  return { decidedBy: guidKey(p['decidedBy'] as string), fromCodings: (p['fromCodings'] as string[]).map(guidKey), decision: p['decision'] as Provenance['decision'], at: p['at'] };
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function str(x: unknown): boolean {
  return typeof x === 'string' && x.trim() !== '';
}
function strings(x: unknown): boolean {
  return Array.isArray(x) && x.every((s) => typeof s === 'string');
}
