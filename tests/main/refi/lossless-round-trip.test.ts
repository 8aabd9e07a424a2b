import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeAnchor } from '../../../src/core/codings/anchor.js';
import { codePath } from '../../../src/core/codebook/paths.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import { createProject } from '../../../src/core/model/project.js';
import type { Coding, PmNodeJson, ProjectData, Provenance, SourceContent } from '../../../src/core/model/types.js';
import { TEXT_VERSION } from '../../../src/core/model/types.js';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { EXTENSION_NOTE_NAME } from '../../../src/core/refi/casecoder-extension.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { docToDocx } from '../../../src/main/refi/docx-source.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { writeQdpx } from '../../../src/main/refi/write-refi-file.js';
import { qdeOf, sampleProject, validateAgainst } from './refi-test-kit.js';

const t = (text: string, ...marks: string[]): PmNodeJson => (marks.length ? { type: 'text', text, marks: marks.map((type) => ({ type })) } : { type: 'text', text });
const p = (...content: PmNodeJson[]): PmNodeJson => ({ type: 'paragraph', content });
const item = (...content: PmNodeJson[]): PmNodeJson => ({ type: 'list_item', content });
const cell = (text: string, header = false): PmNodeJson => ({ type: 'table_cell', attrs: { header }, content: [t(text)] });

/** A case study with every structure the reader shows: headings, marks, a link, lists (nested), a table, footnotes. */
export const STRUCTURED_DOC: PmNodeJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Ruritania case study')] },
    p(t('In 2014 the ministry '), t('promised', 'em'), t(' a new anti-trafficking law'), { type: 'footnote_ref', attrs: { label: '1' } }, t(' and '), t('kept its word', 'strong'), t('.')),
    { type: 'heading', attrs: { level: 2 }, content: [t('Outcomes')] },
    p(t('The law passed in 2015.'), { type: 'hard_break' }, t('See the '), { type: 'text', text: 'TIP report', marks: [{ type: 'link', attrs: { href: 'https://www.state.gov/tip' } }] }, t('.')),
    {
      type: 'bullet_list',
      content: [
        item(p(t('Legislation')), { type: 'bullet_list', content: [item(p(t('Penal code article 177')))] }),
        item(p(t('Institution building'), { type: 'footnote_ref', attrs: { label: '2' } })),
      ],
    },
    { type: 'ordered_list', attrs: { start: 1 }, content: [item(p(t('Prosecutions rose'))), item(p(t('Shelters opened')))] },
    {
      type: 'table',
      content: [
        { type: 'table_row', content: [cell('Year', true), cell('Tier', true)] },
        { type: 'table_row', content: [cell('2014'), cell('Tier 2 Watch List')] },
        { type: 'table_row', content: [cell('2016'), cell('Tier 2')] },
      ],
    },
    p(t('CO'), t('2', 'sub'), t(' and 10'), t('3', 'sup'), t(' victims.')),
    {
      type: 'footnotes',
      content: [
        { type: 'footnote', attrs: { label: '1' }, content: [p(t('Interview with a ministry official, 2016.'))] },
        { type: 'footnote', attrs: { label: '2' }, content: [p(t('A national coordinator was appointed.'))] },
      ],
    },
  ],
};

/**
 * The sample project (two plain documents, four codes, two coders, memos) plus a structured
 * document, a consensus coder with adjudicated codings, an automatic coder, code shortcuts, a PDF's
 * page map, and a matrix with ratings that carry notes, evidence and provenance.
 */
function richProject(): { data: ProjectData; sources: SourceContent[] } {
  const { data, sources } = sampleProject();
  const text = buildTextIndex(readerSchema.nodeFromJSON(STRUCTURED_DOC)).text;
  const textHash = sha256Hex(text);
  sources.push({ id: 'd_struct', textVersion: TEXT_VERSION, doc: STRUCTURED_DOC, text, textHash });
  data.documents.push({ id: 'd_struct', caseId: 'c_usa', title: 'Ruritania.docx', sourceFile: 'Ruritania case study.docx', format: 'docx', textHash, chars: text.length, importedAt: '2026-02-01T09:00:00.000Z', textVersion: TEXT_VERSION });
  // The second plain document came from a PDF: its page map must survive.
  const d1 = data.documents[1];
  if (d1) Object.assign(d1, { format: 'pdf', sourceFile: 'france.pdf', pages: [{ page: 1, offset: 0 }, { page: 2, offset: 40 }] });
  data.coders.push({ id: 'u_consensus', name: 'Consensus', consensus: true }, { id: 'u_auto', name: 'Autocoder', auto: true });
  data.codebook = data.codebook.map((c) => (c.id === 'k_legis' ? { ...c, shortcut: '1' } : c.id === 'k_inst' ? { ...c, shortcut: '2' } : c));
  const code = (id: string, codeId: string, coderId: string, quote: string, extra: Partial<Coding> = {}): Coding => {
    const start = text.indexOf(quote);
    const a = makeAnchor(text, start, start + quote.length);
    if (!a || start < 0) throw new Error(quote);
    return { id, documentId: 'd_struct', codeId, coderId, ...a, memo: '', created: '2026-02-02T10:00:00.000Z', updated: '2026-02-03T10:00:00.000Z', ...extra };
  };
  const alice = code('g_s1', 'k_legis', 'u_alice', 'The law passed in 2015.', { memo: 'clear outcome' });
  const bob = code('g_s2', 'k_legis', 'u_bob', 'The law passed in 2015.\nSee the TIP report.');
  const decided: Provenance = { decidedBy: 'u_alice', fromCodingIds: ['g_s1', 'g_s2'], decision: 'accept-a', at: '2026-02-04T10:00:00.000Z' };
  data.codings.push(
    alice,
    bob,
    code('g_s3', 'k_legis', 'u_consensus', 'The law passed in 2015.', { provenance: decided }),
    code('g_s4', 'k_inst', 'u_auto', 'Institution building[2]'),
    code('g_s5', 'k_inst', 'u_alice', 'A national coordinator was appointed.'),
    code('g_s6', 'k_concern', 'u_bob', 'Tier 2 Watch List'),
  );
  data.matrices.push({ id: 'mx_a6', name: 'Table A6', columns: ['k_legis', 'k_inst'], rows: [], scale: ['none', 'some', 'strong'], notApplicable: 'n/a' });
  data.ratings.push(
    { id: 'r_1', matrixId: 'mx_a6', caseId: 'c_usa', codeId: 'k_legis', coderId: 'u_alice', value: 'strong', note: 'Law passed a year after the downgrade.', evidence: ['g_s1', 'g_1'], updated: '2026-02-05T10:00:00.000Z' },
    { id: 'r_2', matrixId: 'mx_a6', caseId: 'c_usa', codeId: 'k_legis', coderId: 'u_bob', value: 'some', note: '', evidence: ['g_s2'], updated: '2026-02-05T11:00:00.000Z' },
    { id: 'r_3', matrixId: 'mx_a6', caseId: 'c_usa', codeId: 'k_legis', coderId: 'u_consensus', value: 'strong', note: 'Agreed in the meeting', evidence: ['g_s3'], updated: '2026-02-06T10:00:00.000Z', provenance: { ...decided, fromCodingIds: ['g_s1'] } },
    { id: 'r_4', matrixId: 'mx_a6', caseId: 'c_fra', codeId: 'k_inst', coderId: 'u_alice', value: 'n/a', note: 'No institutions in scope', evidence: [], updated: '2026-02-05T12:00:00.000Z' },
    { id: 'r_5', matrixId: 'mx_a6', caseId: 'c_fra', codeId: 'k_legis', coderId: 'u_bob', value: null, note: 'Still reading', evidence: [], updated: '2026-02-05T13:00:00.000Z' },
  );
  return { data, sources };
}

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
        return { title: d.title, case: caseName(d.caseId), sourceFile: d.sourceFile, format: d.format, textHash: d.textHash, chars: d.chars, importedAt: d.importedAt, textVersion: d.textVersion, pages: d.pages ?? null, doc: src?.doc, text: src?.text };
      }),
    ),
    codings: byText(
      data.codings.map((c) => ({ key: codingKey(c.id), exact: c.exact, prefix: c.prefix, suffix: c.suffix, memo: c.memo, created: c.created, updated: c.updated, provenance: provenance(c.provenance) })),
    ),
    matrices: byText(data.matrices.map((m) => ({ name: m.name, columns: m.columns.map(path), rows: m.rows.map(caseName), scale: m.scale, notApplicable: m.notApplicable }))),
    ratings: byText(
      data.ratings.map((r) => ({ matrix: matrixName(r.matrixId), case: caseName(r.caseId), column: path(r.codeId), coder: coder(r.coderId), value: r.value, note: r.note, evidence: r.evidence.map(codingKey), updated: r.updated, provenance: provenance(r.provenance) })),
    ),
    memos: byText(data.memos.map((m) => ({ target: m.target.kind === 'project' ? 'project' : `${m.target.kind}:${m.target.kind === 'code' ? path(m.target.id) : m.target.kind === 'case' ? caseName(m.target.id) : docTitle(m.target.id)}`, coder: coder(m.coderId), text: m.text, updated: m.updated }))),
  };
}

async function roundTrip(positions: 'codepoints' | 'utf16') {
  const { data, sources } = richProject();
  const out = await writeQdpx(data, sources, { positions });
  if (!out.ok) throw new Error(out.error.message);
  const refi = await readRefiBytes(out.value.bytes);
  if (!refi.ok) throw new Error(refi.error.message);
  const applied = applyRefiImport(createProject('fresh', []), refi.value, { mode: 'new-project' });
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
    const applied = applyRefiImport(createProject('fresh', []), refi.value, { mode: 'new-project' });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.data.codings.filter((c) => c.documentId === applied.value.data.documents.find((d) => d.title === 'Ruritania.docx')?.id)).toHaveLength(6);
  });

  it('merging the same file into the imported project adds nothing (ratings and matrices included)', async () => {
    const r = await roundTrip('codepoints');
    const again = applyRefiImport(r.applied.data, r.refi, { mode: 'merge' });
    if (!again.ok) throw new Error(again.error.message);
    expect(Object.values(again.value.report.added).every((n) => n === 0)).toBe(true);
    expect(again.value.report.matched).toMatchObject({ matrices: 1, ratings: 5 });
    expect(again.value.data).toEqual(r.applied.data);
  });
});
