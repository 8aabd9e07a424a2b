import { anchorStatus } from '../codings/anchor.js';
import type { PmNodeJson, ProjectData, SourceContent } from '../model/types.js';

const n = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;

/** Block types the DOCX beside the plain text cannot carry as such (see `src/main/refi/docx-source.ts`). */
const NOT_IN_DOCX: Record<string, string> = { blockquote: 'block quotes become plain paragraphs', horizontal_rule: 'rules are left out', page_marker: 'page markers are left out' };

function blockTypes(doc: PmNodeJson, into: Set<string>): Set<string> {
  into.add(doc.type);
  for (const c of doc.content ?? []) blockTypes(c, into);
  return into;
}

/**
 * What a REFI-QDA export of this project cannot hold, or holds only in Casecoder's own data note
 * (which other programs show as a memo), one sentence each; the export dialog and the CLI list
 * them. With the documents' content (`sources`) the structure lines name what the DOCX drops.
 * Empty when the target holds everything the project has.
 */
export function refiExportLimits(data: ProjectData, format: 'qdpx' | 'qdc', sources?: readonly SourceContent[]): string[] {
  const out: string[] = [];
  const notes = data.codebook.filter((c) => c.inclusion || c.exclusion || c.example).length;
  if (format === 'qdc') {
    const rest = [
      data.documents.length ? n(data.documents.length, 'document') : '',
      data.codings.length ? n(data.codings.length, 'coding') : '',
      data.cases.length ? n(data.cases.length, 'case') : '',
      data.memos.length ? n(data.memos.length, 'memo') : '',
      data.ratings.length ? n(data.ratings.length, 'rating') : '',
    ].filter(Boolean);
    if (rest.length) out.push(`A .qdc holds the codebook only: ${rest.join(', ')} stay out (export a .qdpx for them).`);
    if (notes) out.push(`Inclusion, exclusion and example notes of ${n(notes, 'code')} are appended to the code descriptions under bracketed labels: REFI-QDA has one description per code.`);
    if (data.codebook.some((c) => c.shortcut)) out.push('Code shortcuts are not written: a codebook file has no place for them.');
    return out;
  }
  const roles = data.coders.filter((c) => c.consensus || c.auto);
  if (roles.length) {
    out.push(`Coder roles: REFI-QDA knows users only. ${roles.map((c) => `"${c.name}" (${c.consensus ? 'consensus' : 'automatic'})`).join(', ')} keep their role in Casecoder's data note; other programs see ordinary users.`);
  }
  if (data.matrices.length || data.ratings.length) {
    const evidence = data.ratings.reduce((k, r) => k + r.evidence.length, 0);
    out.push(
      `Matrices: REFI-QDA has no element for them. ${n(data.matrices.length, 'matrix', 'matrices')} with ${n(data.ratings.length, 'rating')}, their notes and ${n(evidence, 'evidence link')} travel in Casecoder's data note, which other programs show as a memo.`,
    );
  }
  const decided = data.codings.filter((c) => c.provenance).length;
  if (decided) out.push(`Adjudication records of ${n(decided, 'coding')} travel in Casecoder's data note only.`);
  if (notes) out.push(`Inclusion, exclusion and example notes of ${n(notes, 'code')} are appended to the code descriptions under bracketed labels: REFI-QDA has one description per code.`);
  const paged = data.documents.filter((d) => d.pages?.length).length;
  if (paged) out.push(`Page maps of ${n(paged, 'document')} travel in Casecoder's data note; other programs see the text without page numbers.`);
  if (sources) {
    const dropped = new Map<string, number>();
    for (const s of sources) for (const t of blockTypes(s.doc, new Set())) if (NOT_IN_DOCX[t]) dropped.set(t, (dropped.get(t) ?? 0) + 1);
    for (const [t, k] of dropped) out.push(`Structure: in the DOCX written beside the plain text, ${NOT_IN_DOCX[t]} (${n(k, 'document')}); Casecoder rebuilds the rest.`);
    const byId = new Map(sources.map((s) => [s.id, s]));
    const orphaned = data.codings.filter((c) => {
      const s = byId.get(c.documentId);
      return s && (anchorStatus(s.text, c) !== 'intact' || c.start >= c.end);
    }).length;
    if (orphaned) out.push(`${n(orphaned, 'orphaned coding')} (quote no longer matching the text) cannot be placed in the file and are left out.`);
  }
  return out;
}
