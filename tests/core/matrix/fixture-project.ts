import { readFileSync } from 'node:fs';
import type { Coding, DocumentMeta, ProjectData } from '../../../src/core/model/types.js';
import { codebookFromTemplate } from '../../../src/core/codebook/template.js';
import { defaultMatrices } from '../../../src/core/matrix/defaults.js';
import { setRating } from '../../../src/core/matrix/ratings.js';
import { sha256Hex } from '../../../src/core/util/hash.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/**
 * A small hand-built project with fixed ids and timestamps, so exports of it are byte-stable and
 * can be compared with golden files. The texts are written for this fixture (not seed material)
 * and contain characters every output format must escape.
 */
export const AT = '2026-01-15T10:00:00.000Z';

export const TEXTS: Record<string, string> = {
  'd-arg':
    'Summary\n\nThe embassy raised the tier rating with the justice minister in March 2008.\n\n' +
    'Legislation\n\nCongress passed Law 26.364, which criminalised trafficking & forced labour; 50% of prosecutions now cite it.\n\n' +
    "Institution building\n\nA prosecutors' unit (UFASE) opened with a budget of $2 million and 12 staff.",
  'd-arm':
    'Background\n\nOfficials asked how to reach Tier 1 and compared their grade with Georgia.\n\n' +
    'Legislation and other policy\n\nThe criminal code was amended in 2006 to define trafficking separately from smuggling.\n\n' +
    'Norms and practices\n\nBorder guards began screening returning migrants; training reached <100> officers.',
  'd-chad': 'Direct diplomacy\n\nThe ambassador met the prime minister about child soldiers and the "Tier 3" grade.\n\n' + 'Outcomes\n\nAn ordinance on child trafficking was drafted but never adopted.',
};

function doc(id: string, caseId: string, title: string, pages?: { page: number; offset: number }[]): DocumentMeta {
  const text = TEXTS[id] as string;
  const d: DocumentMeta = { id, caseId, title, sourceFile: `${id}.txt`, format: 'txt', textHash: sha256Hex(text), chars: text.length, importedAt: AT, textVersion: 1 };
  if (pages) d.pages = pages;
  return d;
}

/** A coding of the first occurrence of `phrase` in document `docId`. */
export function codingOf(id: string, docId: string, phrase: string, codeId: string, coderId: string): Coding {
  const text = TEXTS[docId] as string;
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`fixture phrase not found: ${phrase}`);
  const end = start + phrase.length;
  return { id, documentId: docId, codeId, coderId, start, end, exact: phrase, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), memo: '', created: AT, updated: AT };
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The project without ratings: codebook, three cases, three documents, two coders + consensus, codings. */
export function baseProject(): ProjectData {
  const template = JSON.parse(readFileSync(new URL('../../../resources/codebooks/scorecard-diplomacy.json', import.meta.url), 'utf8')) as unknown;
  const codebook = must(codebookFromTemplate(template));
  const argPage2 = (TEXTS['d-arg'] as string).indexOf('Institution building');
  return {
    format: 'casecoder',
    schemaVersion: 1,
    project: { id: 'p-fixture', name: 'Fixture study', created: AT, codebookVersion: 3 },
    coders: [
      { id: 'u-ana', name: 'Ana' },
      { id: 'u-ben', name: 'Ben' },
      { id: 'u-con', name: 'Consensus', consensus: true },
    ],
    codebook,
    attributeDefs: [],
    cases: [
      { id: 'k-arg', name: 'Argentina', attributes: {} },
      { id: 'k-arm', name: 'Armenia', attributes: {} },
      { id: 'k-chad', name: 'Chad', attributes: {} },
    ],
    documents: [
      doc('d-arg', 'k-arg', 'Argentina case study', [
        { page: 11, offset: 0 },
        { page: 12, offset: argPage2 },
      ]),
      doc('d-arm', 'k-arm', 'Armenia case study'),
      doc('d-chad', 'k-chad', 'Chad case study'),
    ],
    codings: [
      codingOf('c1', 'd-arg', 'Congress passed Law 26.364, which criminalised trafficking & forced labour', 'sd-legislation', 'u-ana'),
      codingOf('c2', 'd-arg', 'Law 26.364, which criminalised trafficking & forced labour; 50% of prosecutions now cite it.', 'sd-legislation', 'u-ben'),
      codingOf('c3', 'd-arg', "A prosecutors' unit (UFASE) opened with a budget of $2 million and 12 staff.", 'sd-institution-building', 'u-ana'),
      codingOf('c4', 'd-arg', 'The embassy raised the tier rating with the justice minister', 'sd-direct-diplomacy', 'u-ana'),
      codingOf('c5', 'd-arm', 'The criminal code was amended in 2006', 'sd-legislation', 'u-ana'),
      codingOf('c6', 'd-arm', 'The criminal code was amended in 2006 to define trafficking separately from smuggling.', 'sd-legislation', 'u-ben'),
      codingOf('c7', 'd-arm', 'Border guards began screening returning migrants; training reached <100> officers.', 'sd-norms-practices', 'u-ben'),
      codingOf('c8', 'd-arm', 'Officials asked how to reach Tier 1 and compared their grade with Georgia.', 'sd-concerns', 'u-ana'),
      codingOf('c9', 'd-chad', 'An ordinance on child trafficking was drafted but never adopted.', 'sd-outcomes', 'u-ana'),
      codingOf('c10', 'd-arm', 'Border guards began screening returning migrants', 'sd-concerns', 'u-ben'),
      codingOf('c11', 'd-chad', 'An ordinance on child trafficking was drafted', 'sd-legislation', 'u-ana'),
    ],
    matrices: defaultMatrices(codebook),
    ratings: [],
    memos: [],
  };
}

type Cell = [caseId: string, codeId: string, value: string | null, note?: string, evidence?: string[]];

/** Ratings of the A6 matrix by Ana and Ben (they disagree on two cells) and some consensus ratings. */
export const RATINGS: Record<string, Cell[]> = {
  'u-ana': [
    ['k-arg', 'sd-legislation', 'strong', 'Law 26.364 (2008) followed direct US pressure; 50% of cases cite it & "Tier 2" <mattered>.', ['c1']],
    ['k-arg', 'sd-institution-building', 'moderate', 'UFASE unit {funded} with $2m_budget #1.', ['c3']],
    ['k-arg', 'sd-norms-practices', 'weak'],
    ['k-arm', 'sd-legislation', 'strong', 'Code amended 2006.', ['c5']],
    ['k-arm', 'sd-institution-building', 'moderate'],
    ['k-arm', 'sd-norms-practices', 'moderate'],
    ['k-chad', 'sd-legislation', 'none', 'Ordinance drafted, never adopted.', ['c11']],
    ['k-chad', 'sd-institution-building', 'not applicable'],
    ['k-chad', 'sd-norms-practices', 'none'],
  ],
  'u-ben': [
    ['k-arg', 'sd-legislation', 'strong', 'Law 26.364 cites the report.', ['c2']],
    ['k-arg', 'sd-institution-building', 'strong'],
    ['k-arg', 'sd-norms-practices', 'weak'],
    ['k-arm', 'sd-legislation', 'moderate', 'Amendment in 2006.', ['c6']],
    ['k-arm', 'sd-institution-building', 'moderate'],
    ['k-arm', 'sd-norms-practices', 'strong', 'Screening at the border.', ['c7']],
    ['k-chad', 'sd-legislation', 'none'],
    ['k-chad', 'sd-institution-building', 'none'],
  ],
};

/** The fixture project with every rating of {@link RATINGS} set through the real API. */
export function ratedProject(): ProjectData {
  let data = baseProject();
  let n = 0;
  for (const [coderId, cells] of Object.entries(RATINGS)) {
    for (const [caseId, codeId, value, note, evidence] of cells) {
      const res = must(setRating(data, { matrixId: 'mx-a6-outcomes', caseId, codeId, coderId, value, ...(note ? { note } : {}), ...(evidence ? { evidence } : {}), at: AT }, coreEnv));
      data = { ...res.data, ratings: res.data.ratings.map((r) => (r.id === res.rating.id && !r.id.startsWith('r-') ? { ...r, id: `r-${++n}` } : r)) };
    }
  }
  return data;
}
