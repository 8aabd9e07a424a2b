import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { RefiPreview } from '../../../../src/shared/api.js';

const calls: { op: string; args: Record<string, unknown> }[] = [];
vi.mock('../../../../src/renderer/src/lib/api.js', () => ({
  api: {
    call: (op: string, args: Record<string, unknown>) => {
      calls.push({ op, args });
      return Promise.resolve({ ok: false, error: { code: 'invalid', message: 'not in this test' } });
    },
    onEvent: () => () => undefined,
  },
}));

const { RefiUserMapDialog } = await import('../../../../src/renderer/src/features/refi/RefiUserMapDialog.js');
const { useRefi } = await import('../../../../src/renderer/src/features/refi/store.js');
const { useProject } = await import('../../../../src/renderer/src/state/project-store.js');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const preview = (defaultCodes: number): RefiPreview => ({
  fileName: 'study.qdpx',
  format: 'qdpx',
  projectName: 'Study',
  origin: 'NVivo',
  users: [{ guid: 'g1', name: 'Gergo', codings: 97, coderId: null, role: null }],
  attribution: { rule: 'The passage’s user is taken.', differing: 0 },
  counts: { documents: 1, codes: 152, codings: 97, memos: 0, matrices: 0, ratings: 0 },
  lines: [],
  defaultCodes,
});

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
  calls.length = 0;
});

function render(defaultCodes: number): HTMLElement {
  useProject.setState({ data: { coders: [] } as never });
  useRefi.setState({ busy: null, pending: { name: 'study.qdpx', dataBase64: 'AA==', preview: preview(defaultCodes) } });
  const el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<RefiUserMapDialog />));
  return el;
}

describe('REFI import step: the default codes of a fresh project', () => {
  it('offers to leave the 8 default codes out and sends the choice with the import', async () => {
    const el = render(8);
    const box = [...el.querySelectorAll('label')].find((l) => l.textContent?.includes('default code'));
    expect(box?.textContent).toBe('Leave out this project’s 8 default codes (nothing is coded yet), so only the file’s 152 codes remain');
    act(() => box!.querySelector('input')!.click());
    await act(async () => {
      [...el.querySelectorAll('button')].find((b) => b.textContent === 'Import')!.click();
      await Promise.resolve();
    });
    expect(calls.map((c) => [c.op, c.args['leaveOutDefaults']])).toEqual([['refi.importUpload', true]]);
  });
  it('offers nothing once the project has codings', () => {
    const el = render(0);
    expect(el.textContent).not.toContain('default code');
  });
});
