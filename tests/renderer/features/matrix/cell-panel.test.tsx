import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, backend, calls, closeService, freshProject, render, unmount, until } from '../../reader/reader-kit.js';
import { CellPanel, consensusPhrase } from '../../../../src/renderer/src/features/matrix/CellPanel.js';
import { useProject } from '../../../../src/renderer/src/state/project-store.js';
import type { Case, Coding, Matrix } from '../../../../src/core/model/types.js';
import type { Mutation } from '../../../../src/shared/api.js';

/**
 * The cell panel against the real service: its rating and evidence come from `matrix.evidence`
 * (not recomputed from the mirror). Chad × the first code: one passage coded by Ana, no rating yet.
 */
async function project(): Promise<{ matrix: Matrix; ana: string; ben: string; coding: Coding; kase: Case }> {
  await freshProject('Ana');
  const kase = (await backend<Mutation<Case[]>>('case.create', { names: ['Chad'] })).value[0]!;
  await useProject.getState().boot();
  const data = useProject.getState().data!;
  const doc = data.documents[0]!.id;
  const codeId = data.codebook[0]!.id;
  await backend('case.assignDocuments', { documentIds: [doc], caseId: kase.id });
  const coding = (await backend<Mutation<Coding>>('coding.add', { documentId: doc, codeId, start: at(0), end: at(0, 12) })).value;
  const ana = coding.coderId;
  const ben = (await backend<Mutation<string>>('coder.use', { name: 'Ben' })).value;
  const matrix = (await backend<Mutation<Matrix>>('matrix.create', { name: 'Panel', columns: [codeId] })).value;
  await useProject.getState().boot();
  return { matrix, ana, ben, coding, kase };
}

async function panel(who: (p: Awaited<ReturnType<typeof project>>) => { me: string; coder: string }): Promise<HTMLElement> {
  const p = await project();
  const { me, coder } = who(p);
  const data = useProject.getState().data!;
  const el = render(<CellPanel data={data} matrix={p.matrix} cell={{ caseId: p.kase.id, codeId: p.matrix.columns[0]! }} coder={coder} me={me} readOnly={false} blind={false} onClose={() => undefined} onRateAsMe={() => undefined} />);
  await until(() => el.querySelector('.mx-passage input[type=checkbox]') !== null, 'the suggested passage');
  return el;
}

beforeEach(() => {
  calls.length = 0;
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('CellPanel evidence count', () => {
  it('counts exactly the boxes shown checked: none when looking at another coder’s unrated cell', async () => {
    const el = await panel(({ ana, ben }) => ({ me: ben, coder: ana }));
    const box = el.querySelector<HTMLInputElement>('.mx-passage input[type=checkbox]')!;
    expect(box.checked).toBe(false);
    expect(el.textContent).toContain('(0 cited;');
  });
  it('counts the suggested passage pre-checked on one’s own unrated cell', async () => {
    const el = await panel(({ ana }) => ({ me: ana, coder: ana }));
    await until(() => el.textContent?.includes('(1 cited;') === true, 'the pre-checked passage');
    expect(el.querySelector<HTMLInputElement>('.mx-passage input[type=checkbox]')!.checked).toBe(true);
  });
  it('asks the API for the cell’s evidence: its own passages, and the other coders’ beside them', async () => {
    const el = await panel(({ ben }) => ({ me: ben, coder: ben }));
    expect(calls.filter((op) => op === 'matrix.evidence').length).toBeGreaterThanOrEqual(2);
    // Ben coded nothing here: no passage of his own, Ana's under "Passages by other coders".
    expect(el.textContent).toContain('No coded passage of this code in this case by Ben yet.');
    expect(el.querySelector('details summary')?.textContent).toBe('Passages by other coders (1)');
  });
});

describe('consensusPhrase', () => {
  it('names who decided, in plain words', () => {
    expect(consensusPhrase('accept-a', 'Ana')).toBe('Ana took the first coder’s rating');
    expect(consensusPhrase('accept-both', 'Ana')).toBe('both coders agreed; confirmed by Ana');
    expect(consensusPhrase('edit', 'Ana')).toBe('decided by Ana');
  });
});
