import { makeAnchor } from '../../../src/core/codings/anchor.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import type { Coding, PmNodeJson, ProjectData, Provenance, SourceContent } from '../../../src/core/model/types.js';
import { TEXT_VERSION } from '../../../src/core/model/types.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { sampleProject } from './refi-test-kit.js';

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
      content: [item(p(t('Legislation')), { type: 'bullet_list', content: [item(p(t('Penal code article 177')))] }), item(p(t('Institution building'), { type: 'footnote_ref', attrs: { label: '2' } }))],
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
export function richProject(): { data: ProjectData; sources: SourceContent[] } {
  const { data, sources } = sampleProject();
  const text = buildTextIndex(readerSchema.nodeFromJSON(STRUCTURED_DOC)).text;
  const textHash = sha256Hex(text);
  sources.push({ id: 'd_struct', textVersion: TEXT_VERSION, doc: STRUCTURED_DOC, text, textHash });
  data.documents.push({ id: 'd_struct', caseId: 'c_usa', title: 'Ruritania.docx', sourceFile: 'Ruritania case study.docx', format: 'docx', textHash, chars: text.length, importedAt: '2026-02-01T09:00:00.000Z', textVersion: TEXT_VERSION });
  // The second plain document came from a PDF: its page map must survive.
  const d1 = data.documents[1];
  if (d1)
    Object.assign(d1, {
      format: 'pdf',
      sourceFile: 'france.pdf',
      pages: [
        { page: 1, offset: 0 },
        { page: 2, offset: 40 },
      ],
    });
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
    {
      id: 'r_3',
      matrixId: 'mx_a6',
      caseId: 'c_usa',
      codeId: 'k_legis',
      coderId: 'u_consensus',
      value: 'strong',
      note: 'Agreed in the meeting',
      evidence: ['g_s3'],
      updated: '2026-02-06T10:00:00.000Z',
      provenance: { ...decided, fromCodingIds: ['g_s1'] },
    },
    { id: 'r_4', matrixId: 'mx_a6', caseId: 'c_fra', codeId: 'k_inst', coderId: 'u_alice', value: 'n/a', note: 'No institutions in scope', evidence: [], updated: '2026-02-05T12:00:00.000Z' },
    { id: 'r_5', matrixId: 'mx_a6', caseId: 'c_fra', codeId: 'k_legis', coderId: 'u_bob', value: null, note: 'Still reading', evidence: [], updated: '2026-02-05T13:00:00.000Z' },
  );
  return { data, sources };
}
