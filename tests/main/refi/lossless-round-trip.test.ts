import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codePath } from '../../../src/core/codebook/paths.js';
import { createProject } from '../../../src/core/model/project.js';
import type { ProjectData, Provenance, SourceContent } from '../../../src/core/model/types.js';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { EXTENSION_NOTE_NAME } from '../../../src/core/refi/casecoder-extension.js';
import { refiExportLimits } from '../../../src/core/refi/export-limits.js';
import { docToDocx } from '../../../src/main/refi/docx-source.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { writeQdpx } from '../../../src/main/refi/write-refi-file.js';
import { qdeOf, validateAgainst } from './refi-test-kit.js';
import { richProject, STRUCTURED_DOC } from './rich-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** The whole project with every id replaced by what identifies the object to a user (names, paths, spans). */
function comparable(data: ProjectData, sources: readonly SourceContent[]) {
  const docTitle = (id: string) => data.documents.find((d) => d.id === id)?.title;
  const caseName = (id: string | null) => data.cases.find((c) => c.id === id)?.name ?? null;
  const coder = (id: string | null) => data.coders.find((c) => c.id === id)?.name ?? null;
  const path = (id: string) => codePath(data.codebook, id);
  const codingKey = (id: string) => {
    const c = data.codings.find((x) => x.id === id);
    return c ? `${docTitle(c.documentId)}|${path(c.codeId)}|${coder(c.coderId)}|${c.start}-${c.end}` : `missing ${id}`;
  };
  const provenance = (p: Provenance | undefined) => (p ? { decidedBy: coder(p.decidedBy), from: p.fromCodingIds.map(codingKey), decision: p.decision, at: p.at } : null);
  const matrixName = (id: string) => data.matrices.find((m) => m.id === id)?.name;
  const byText = <T>(xs: T[]) => xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    project: data.project.name,
    coders: byText(data.coders.map((c) => ({ name: c.name, consensus: !!c.consensus, auto: !!c.auto }))),
    codebook: byText(data.codebook.map((c) => ({ path: path(c.id), color: c.color, description: c.description, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, shortcut: c.shortcut, order: c.order }))),
    attributeDefs: data.attributeDefs,
    cases: byText(data.cases.map((c) => ({ name: c.name, attributes: c.attributes }))),
    documents: byText(
      data.documents.map((d) => {
        const src = sources.find((s) => s.id === d.id);
        return {
          title: d.title,
          case: caseName(d.caseId),
          sourceFile: d.sourceFile,
          format: d.format,
          textHash: d.textHash,
          chars: d.chars,
          importedAt: d.importedAt,
          textVersion: d.textVersion,
          pages: d.pages ?? null,
          doc: src?.doc,
          text: src?.text,
        };
      }),
    ),
    codings: byText(data.codings.map((c) => ({ key: codingKey(c.id), exact: c.exact, prefix: c.prefix, suffix: c.suffix, memo: c.memo, created: c.created, updated: c.updated, provenance: provenance(c.provenance) }))),
    matrices: byText(data.matrices.map((m) => ({ name: m.name, columns: m.columns.map(path), rows: m.rows.map(caseName), scale: m.scale, notApplicable: m.notApplicable }))),
    ratings: byText(
      data.ratings.map((r) => ({
        matrix: matrixName(r.matrixId),
        case: caseName(r.caseId),
        column: path(r.codeId),
        coder: coder(r.coderId),
        value: r.value,
        note: r.note,
        evidence: r.evidence.map(codingKey),
        updated: r.updated,
        provenance: provenance(r.provenance),
      })),
    ),
    memos: byText(
      data.memos.map((m) => ({
        target: m.target.kind === 'project' ? 'project' : `${m.target.kind}:${m.target.kind === 'code' ? path(m.target.id) : m.target.kind === 'case' ? caseName(m.target.id) : docTitle(m.target.id)}`,
        coder: coder(m.coderId),
        text: m.text,
        updated: m.updated,
      })),
    ),
  };
}

async function roundTrip(positions: 'codepoints' | 'utf16') {
  const { data, sources } = richProject();
  const out = await writeQdpx(data, sources, { positions });
  if (!out.ok) throw new Error(out.error.message);
  const refi = await readRefiBytes(out.value.bytes);
  if (!refi.ok) throw new Error(refi.error.message);
  const applied = applyRefiImport(createProject('fresh', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
  if (!applied.ok) throw new Error(applied.error.message);
  return { data, sources, out: out.value, refi: refi.value, applied: applied.value };
}

describe('lossless Casecoder → .qdpx → Casecoder round trip', () => {
  it.each(['codepoints', 'utf16'] as const)('gives the same project: structure, coder roles, matrices and ratings (%s)', async (positions) => {
    const r = await roundTrip(positions);
    expect(r.out.skipped).toEqual([]);
    expect(r.refi.report.notImported).toEqual([]);
    expect(r.refi.report.notes).toEqual([]);
    expect(comparable(r.applied.data, r.applied.sources)).toEqual(comparable(r.data, r.sources));
    // Spot checks that would catch a comparison that compares nothing.
    const struct = r.applied.sources.find((s) => s.text.startsWith('Ruritania case study'));
    expect(struct?.doc.content?.map((b) => b.type)).toEqual(['heading', 'paragraph', 'heading', 'paragraph', 'bullet_list', 'ordered_list', 'table', 'paragraph', 'footnotes']);
    expect(r.applied.data.coders.find((c) => c.name === 'Consensus')?.consensus).toBe(true);
    expect(r.applied.data.coders.find((c) => c.name === 'Autocoder')?.auto).toBe(true);
    expect(r.applied.data.ratings).toHaveLength(5);
    expect(r.applied.report.added).toMatchObject({ matrices: 1, ratings: 5, coders: 4 });
  });

  it('writes a DOCX beside the plain text only for structured documents, and stays valid against Project.xsd', async () => {
    const r = await roundTrip('codepoints');
    const files = unzipSync(r.out.bytes);
    const docx = Object.keys(files).filter((n) => n.endsWith('.docx'));
    expect(docx).toHaveLength(1);
    expect(Object.keys(files).filter((n) => n.endsWith('.txt'))).toHaveLength(3);
    const qde = qdeOf(r.out.bytes);
    expect(qde).toContain(`richTextPath="internal://${docx[0]?.replace('sources/', '')}"`);
    expect(qde).toContain(`name="${EXTENSION_NOTE_NAME}"`);
    expect((await validateAgainst(qde, 'Project.xsd')).errors).toEqual([]);
    // The DOCX is a Word document with real headings, numbering and footnotes.
    const inner = unzipSync(files[docx[0] ?? ''] as Uint8Array);
    expect(strFromU8(inner['word/document.xml'] as Uint8Array)).toMatch(/Heading1[\s\S]*w:numPr[\s\S]*w:tbl/);
    expect(strFromU8(inner['word/footnotes.xml'] as Uint8Array)).toContain('A national coordinator was appointed.');
  });

  it('falls back to the plain text, with a note, when the DOCX does not match it (never shifting offsets)', async () => {
    const { data, sources } = richProject();
    const out = await writeQdpx(data, sources);
    if (!out.ok) throw new Error(out.error.message);
    // Swap the structured document's DOCX for the DOCX of another text: the rebuilt text then differs.
    const files: Record<string, Uint8Array> = unzipSync(out.value.bytes);
    const name = Object.keys(files).find((n) => n.endsWith('.docx')) ?? '';
    const other = structuredClone(STRUCTURED_DOC);
    other.content?.splice(1, 1);
    files[name] = await docToDocx(other, 'other');
    const refi = await readRefiBytes(zipSync(files));
    if (!refi.ok) throw new Error(refi.error.message);
    const doc = refi.value.documents.find((d) => d.title === 'Ruritania.docx');
    expect(doc?.structured).toBeUndefined();
    expect(doc?.doc.content?.every((b) => b.type === 'paragraph')).toBe(true);
    expect(refi.value.report.notes.join('\n')).toMatch(/structure of "Ruritania\.docx".*differs from the plain text.*every position intact/);
    for (const c of refi.value.codings.filter((x) => x.documentGuid === doc?.guid)) expect(doc?.text.slice(c.start, c.end)).toBe(c.exact);
    const applied = applyRefiImport(createProject('fresh', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.data.codings.filter((c) => c.documentId === applied.value.data.documents.find((d) => d.title === 'Ruritania.docx')?.id)).toHaveLength(6);
  });

  it('merging the same file into the imported project adds nothing (ratings and matrices included)', async () => {
    const r = await roundTrip('codepoints');
    const again = applyRefiImport(r.applied.data, r.refi, { mode: 'merge' }, coreEnv);
    if (!again.ok) throw new Error(again.error.message);
    expect(Object.values(again.value.report.added).every((n) => n === 0)).toBe(true);
    expect(again.value.report.matched).toMatchObject({ matrices: 1, ratings: 5 });
    expect(again.value.data).toEqual(r.applied.data);
  });

  it('names what each target cannot hold, or holds only in the data note', () => {
    const { data, sources } = richProject();
    expect(refiExportLimits(data, 'qdpx', sources)).toEqual([
      'Coder roles: REFI-QDA knows users only. "Consensus" (consensus), "Autocoder" (automatic) keep their role in Casecoder\'s data note; other programs see ordinary users.',
      "Matrices: REFI-QDA has no element for them. 1 matrix with 5 ratings, their notes and 4 evidence links travel in Casecoder's data note, which other programs show as a memo.",
      "Adjudication records of 1 coding travel in Casecoder's data note only.",
      'Inclusion, exclusion and example notes of 1 code are appended to the code descriptions under bracketed labels: REFI-QDA has one description per code.',
      "Page maps of 1 document travel in Casecoder's data note; other programs see the text without page numbers.",
    ]);
    expect(refiExportLimits(data, 'qdc')[0]).toBe('A .qdc holds the codebook only: 3 documents, 12 codings, 2 cases, 4 memos, 5 ratings stay out (export a .qdpx for them).');
    // A block quote cannot be a block quote in the DOCX: said, with the number of documents.
    const quoted = sources.map((s) => (s.id === 'd_struct' ? { ...s, doc: { ...s.doc, content: [{ type: 'blockquote', content: [{ type: 'paragraph' }] }, ...(s.doc.content ?? [])] } } : s));
    expect(refiExportLimits(data, 'qdpx', quoted)).toContain('Structure: in the DOCX written beside the plain text, block quotes become plain paragraphs (1 document); Casecoder rebuilds the rest.');
    expect(refiExportLimits({ ...data, coders: [], matrices: [], ratings: [], codings: [], codebook: [], documents: [] }, 'qdpx', [])).toEqual([]);
  });
});

describe('the data note from an edited or hostile file', () => {
  it('keeps what fits, skips ratings outside the matrix and reports them, and ignores malformed entries', async () => {
    const { data, sources } = richProject();
    const out = await writeQdpx(data, sources);
    if (!out.ok) throw new Error(out.error.message);
    const files: Record<string, Uint8Array> = unzipSync(out.value.bytes);
    // Edit the note as another program or a hand might: a value outside the scale, a rating for
    // a code that is no column, and entries of the wrong shape.
    const qde = strFromU8(files['project.qde'] as Uint8Array)
      .replace(/"value":"some"/, '"value":"enormous"')
      .replace(/"matrices":\[/, '"matrices":[42,')
      .replace(/"ratings":\[/, '"ratings":[{"rating":"x"},');
    files['project.qde'] = new TextEncoder().encode(qde);
    const refi = await readRefiBytes(zipSync(files));
    if (!refi.ok) throw new Error(refi.error.message);
    expect(refi.value.report.notes).toContain('2 malformed entries in the Casecoder data note were ignored.');
    const applied = applyRefiImport(createProject('fresh', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.data.ratings).toHaveLength(4);
    expect(applied.value.report.skipped).toEqual([expect.objectContaining({ kind: 'rating', name: 'enormous', reason: expect.stringContaining('not in the project\'s matrix "Table A6"') })]);
  });
});
