import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdoptAgreedReport } from '../../../src/core/matrix/consensus.js';
import type { Result } from '../../../src/core/model/result.js';
import type { Case, Matrix, ProjectData, SourceContent } from '../../../src/core/model/types.js';
import type { Mutation } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';

/** Seed 002: the case-study supplement behind Tables A6.6–9 (15 country cases). */
export const S002 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '002_3a38896384b8e93f.txt');
export const HAVE_SEED = existsSync(S002);
export const COUNTRIES = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras', 'Indonesia', 'Israel', 'Japan', 'Kazakhstan', 'Malaysia', 'Mozambique', 'Nigeria', 'Oman', 'United Arab Emirates', 'Zimbabwe'];
export const OUTCOMES: [codeId: string, path: string, heading: RegExp][] = [
  ['sd-legislation', 'Outcomes/Legislation', /\n\n(Legislation( and other policy)?)\n\n/],
  ['sd-institution-building', 'Outcomes/Institution building', /\n\n(Institution(s| building))\n\n/],
  ['sd-norms-practices', 'Outcomes/Norms and practices', /\n\n((The )?[Pp]romotion and adoption of new norms and practices)\n\n/],
];
/** Countries whose outcome sections both coders code (the evidence cited by their ratings). */
export const CODED = ['Argentina', 'Armenia', 'Chad', 'Ecuador', 'Honduras'];
const SCALE = ['none', 'weak', 'moderate', 'strong'];

/** Notes that hold every character a table export must survive (issue 12). */
export const SPECIAL_NOTES: Record<string, string> = {
  'Argentina|Outcomes/Legislation': 'Law 26.364 & 50% of cases; file_name #2 cost $5 {draft} ~approx ^sup \\path — “smart” and "straight" quotes, café, año.',
  'Chad|Outcomes/Institution building': 'Unit named 人口販賣防制 in the Taiwanese memo 😀; see p. 22.',
  'Japan|Outcomes/Norms and practices': 'Résumé of NGO reports (naïve coördination, São Paulo, Kraków, Ñandú).',
};

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A deterministic rating for (coder, case, column): Ana and Ben agree on most cells, not all. */
function ratingOf(coder: 'Ana' | 'Ben', i: number, j: number): string {
  const base = (i * 7 + j * 3) % 5; // 0..4: 4 = not applicable
  const ana = base === 4 ? 'not applicable' : (SCALE[base] as string);
  if (coder === 'Ana') return ana;
  if ((i + j) % 6 === 0) return base === 4 ? 'weak' : (SCALE[(base + 1) % 4] as string);
  return ana;
}

/**
 * The study of the done-when: a project with the 15 countries as cases, seed 002 imported split by
 * case, the outcome sections of five countries coded by Ana and Ben, every A6 cell rated by both
 * (citing their own passages; some notes full of special characters), the agreed cells adopted
 * into the consensus and the rest adjudicated. Built through the service, as the app does.
 */
export async function buildSeed002Study(): Promise<{ dir: string; svc: Service; data: ProjectData; adopted: AdoptAgreedReport }> {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-study-')), 'scorecard-outcomes');
  const svc = createService({ appVersion: '0.9.0', transport: 'cli' });
  const call = async <T>(op: string, args: unknown): Promise<T> => value<T>(await svc.call(op, args));
  await call('project.create', { dir, name: 'Scorecard outcomes' });
  const cases = (await call<Mutation<Case[]>>('case.create', { names: COUNTRIES })).value;
  await call('import.files', { paths: [S002], splitCases: true });
  let data = (await call<{ data: ProjectData }>('project.current', {})).data;
  const docOf = (name: string): string => data.documents.find((d) => d.caseId === cases.find((c) => c.name === name)?.id)!.id;
  const matrix = (await call<Mutation<Matrix[]>>('matrix.list', {})).value.find((m) => m.name === 'A6 outcomes')!;
  const coderIds: Record<string, string> = {};
  for (const coder of ['Ana', 'Ben'] as const) {
    coderIds[coder] = (await call<Mutation<string>>('coder.use', { name: coder })).value;
    for (const name of CODED) {
      const text = (await call<SourceContent>('document.content', { id: docOf(name) })).text;
      for (const [codeId, , heading] of OUTCOMES) {
        const m = heading.exec(text);
        if (!m) continue;
        const start = m.index + m[0].length;
        const paraEnd = text.indexOf('\n\n', start);
        const end = coder === 'Ana' ? paraEnd : Math.min(paraEnd, text.indexOf('. ', start) + 1);
        await call('coding.add', { documentId: docOf(name), codeId, start, end });
      }
    }
  }
  data = (await call<{ data: ProjectData }>('project.current', {})).data;
  for (const coder of ['Ana', 'Ben'] as const) {
    await call('coder.use', { name: coder });
    for (const [i, name] of COUNTRIES.entries()) {
      const caseId = cases.find((c) => c.name === name)!.id;
      for (const [j, [codeId, path]] of OUTCOMES.entries()) {
        const evidence = data.codings.filter((g) => g.documentId === docOf(name) && g.codeId === codeId && g.coderId === coderIds[coder]).map((g) => g.id);
        const note = SPECIAL_NOTES[`${name}|${path}`] ?? '';
        await call('rating.set', { matrixId: matrix.id, caseId, codeId, value: ratingOf(coder, i, j), note, evidence });
      }
    }
  }
  const adopted = (await call<Mutation<AdoptAgreedReport>>('rating.adoptAgreed', { matrixId: matrix.id })).value;
  data = (await call<{ data: ProjectData }>('project.current', {})).data;
  for (const cell of adopted.left) {
    const evidence = data.codings.filter((g) => g.documentId === docOf(cell.case) && g.codeId === cell.codeId).map((g) => g.id);
    await call('rating.adjudicate', {
      matrixId: matrix.id,
      caseId: cell.caseId,
      codeId: cell.codeId,
      value: ratingOf(
        'Ana',
        COUNTRIES.indexOf(cell.case),
        OUTCOMES.findIndex((o) => o[0] === cell.codeId),
      ),
      note: `${SPECIAL_NOTES[`${cell.case}|${cell.column}`] ?? ''} Adjudicated: Ana’s reading kept (${cell.value}).`.trim(),
      evidence,
    });
  }
  data = (await call<{ data: ProjectData }>('project.current', {})).data;
  return { dir, svc, data, adopted };
}
