import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';

const calls: { op: string; args: unknown }[] = [];
vi.mock('../../../../src/renderer/src/lib/api.js', () => ({
  api: {
    call: (op: string, args: unknown) => {
      calls.push({ op, args });
      return Promise.resolve({ ok: true, value: { value: [], patch: { set: {}, revision: 1, canUndo: true, canRedo: false, undoLabel: 'Create cases', redoLabel: null } } });
    },
    onEvent: () => () => undefined,
  },
}));

const { ImportDialog, isImportable, progressText, splitHint } = await import('../../../../src/renderer/src/features/import/ImportDialog.js');
const { IMPORT_FORMATS, importFormatsHint } = await import('../../../../src/core/import/detect.js');
const { useImport } = await import('../../../../src/renderer/src/features/import/store.js');
const { useProject } = await import('../../../../src/renderer/src/state/project-store.js');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('import dialog words', () => {
  it('says "the case Chad" for one case and "one of the 3 cases" for more, never "the 1 cases"', () => {
    expect(splitHint(['Chad'])).toBe('Splits at lines naming the case Chad; each part is assigned to it.');
    expect(splitHint(['Chad', 'Oman', 'Japan'])).toContain('one of the 3 cases');
    expect(splitHint([])).toContain('Create them here first');
  });
  it('reports progress without contradicting itself', () => {
    expect(progressText(true, 0, 3, 33)).toBe('Reading 3 files · 33%');
    expect(progressText(true, 1, 3, 55)).toBe('55% · 1 of 3 files done');
    expect(progressText(true, 0, 1, 10)).toBe('Reading 1 file · 10%');
    expect(progressText(false, 3, 3, 100)).toBe('Done · 3 files');
  });
});

describe('import dialog, split by cases', () => {
  let root: Root | null = null;
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
    document.body.innerHTML = '';
  });

  it('creates the missing cases in place', async () => {
    useProject.setState({ data: { cases: [{ id: 'k1', name: 'Chad', attributes: {} }] } as never });
    useImport.setState({ open: true, files: [], states: [], running: false, report: null, overall: 0, options: { target: { kind: 'split' }, format: 'auto', reflow: false, keepPreamble: false, headings: '' } });
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    act(() => root!.render(<ImportDialog />));
    expect(el.querySelector('[data-testid="split-hint"]')?.textContent).toBe('Splits at lines naming the case Chad; each part is assigned to it.');
    const input = el.querySelector<HTMLInputElement>('input[aria-label="Cases to create"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    act(() => {
      setValue.call(input, 'Oman, Japan');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Create 2 cases')!;
    expect(button.disabled).toBe(false);
    await act(async () => {
      button.click();
      await Promise.resolve();
    });
    expect(calls).toEqual([{ op: 'case.create', args: { names: ['Oman', 'Japan'] } }]);
  });

  it('names and accepts what the one format table holds, REFI-QDA projects included', () => {
    useProject.setState({ data: { cases: [] } as never });
    useImport.setState({ open: true, files: [], states: [], running: false, report: null, overall: 0, options: { target: { kind: 'none' }, format: 'auto', reflow: false, keepPreamble: false, headings: '' } });
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    act(() => root!.render(<ImportDialog />));
    expect(el.querySelector('[data-testid="import-formats"]')?.textContent).toBe(`or drop files on the window · ${importFormatsHint()}`);
    expect(el.querySelector('[data-testid="import-formats"]')?.textContent).toContain('REFI-QDA (.qdpx, .qdc');
    const picker = el.querySelector<HTMLInputElement>('[data-testid="import-dialog-input"]')!;
    expect(picker.accept.split(', ')).toEqual(IMPORT_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)));
    // A folder brings what the picker would: documents and REFI-QDA projects, not hidden files, lock files or others.
    expect(['a.md', 'b.mkd', 'c.qdpx', 'd.qdc', 'e.PDF'].every(isImportable)).toBe(true);
    expect(['.hidden.md', '~$f.docx', 'g.xyz', 'h'].some(isImportable)).toBe(false);
  });
});
