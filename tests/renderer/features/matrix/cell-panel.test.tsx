import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { CellPanel, consensusPhrase } from '../../../../src/renderer/src/features/matrix/CellPanel.js';
import { createProject, ensureCoder } from '../../../../src/core/model/project.js';
import { createMatrix } from '../../../../src/core/matrix/matrix-ops.js';
import type { Code, Matrix, ProjectData } from '../../../../src/core/model/types.js';
import { fixedEnv } from '../../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const code = (id: string, name: string): Code => ({ id, name, parentId: null, color: '#0072B2', description: '', inclusion: '', exclusion: '', example: '' }) as Code;

/** Chad × Legislation: one passage coded by Ana, no rating yet. */
function project(): { data: ProjectData; matrix: Matrix; ana: string; ben: string } {
  let data = createProject('Panel', [code('c-law', 'Legislation')], coreEnv);
  data.cases = [{ id: 'k1', name: 'Chad', attributes: {} }];
  data.documents = [{ id: 'd1', caseId: 'k1', title: 'Chad', sourceFile: 'chad.txt', format: 'txt', textHash: 'x', chars: 100, importedAt: '2026-01-01T00:00:00Z', textVersion: 1 }];
  const a = ensureCoder(data, 'Ana', coreEnv);
  const b = ensureCoder(a.data, 'Ben', coreEnv);
  data = b.data;
  data.codings = [{ id: 'g1', documentId: 'd1', codeId: 'c-law', coderId: a.coder.id, start: 0, end: 10, exact: 'Chad passe', prefix: '', suffix: '', memo: '', created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z' }];
  const m = createMatrix(data, { id: 'mx', name: 'A6', columns: ['c-law'] }, coreEnv);
  if (!m.ok) throw new Error(m.error.message);
  return { data: m.value.data, matrix: m.value.data.matrices.find((x) => x.id === 'mx')!, ana: a.coder.id, ben: b.coder.id };
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function render(who: (p: ReturnType<typeof project>) => { me: string; coder: string }): HTMLElement {
  const p = project();
  const { data, matrix } = p;
  const { me, coder } = who(p);
  const el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<CellPanel data={data} matrix={matrix} cell={{ caseId: 'k1', codeId: 'c-law' }} coder={coder} me={me} readOnly={false} blind={false} onClose={() => undefined} onRateAsMe={() => undefined} />));
  return el;
}

describe('CellPanel evidence count', () => {
  it('counts exactly the boxes shown checked: none when looking at another coder’s unrated cell', () => {
    const el = render(({ ana, ben }) => ({ me: ben, coder: ana }));
    const box = el.querySelector<HTMLInputElement>('.mx-passage input[type=checkbox]')!;
    expect(box.checked).toBe(false);
    expect(el.textContent).toContain('(0 cited;');
  });
  it('counts the suggested passage pre-checked on one’s own unrated cell', () => {
    const el = render(({ ana }) => ({ me: ana, coder: ana }));
    expect(el.querySelector<HTMLInputElement>('.mx-passage input[type=checkbox]')!.checked).toBe(true);
    expect(el.textContent).toContain('(1 cited;');
  });
});

describe('consensusPhrase', () => {
  it('names who decided, in plain words', () => {
    expect(consensusPhrase('accept-a', 'Ana')).toBe('Ana took the first coder’s rating');
    expect(consensusPhrase('accept-both', 'Ana')).toBe('both coders agreed; confirmed by Ana');
    expect(consensusPhrase('edit', 'Ana')).toBe('decided by Ana');
  });
});
