import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import { at, backend, calls, closeService, emit, failNext, freshProject, render, unmount, until, TEXT } from './reader-kit.js';
import { useProject } from '../../../src/renderer/src/state/project-store.js';
import { useReader } from '../../../src/renderer/src/reader/reader-store.js';
import { ReaderView } from '../../../src/renderer/src/reader/ReaderView.js';
import { highlightKey } from '../../../src/renderer/src/reader/highlight-plugin.js';
import { codeSelection, codeWith, currentSelection, nudge, recode, resize, setCodingMemo, uncode } from '../../../src/renderer/src/reader/commands.js';
import type { Code, Coding } from '../../../src/core/model/types.js';
import type { ApiEvent, Mutation } from '../../../src/shared/api.js';

/** Open a fresh project, load its document and mount the real reader on it. */
async function mountReader(): Promise<void> {
  await freshProject();
  await useProject.getState().boot();
  await until(() => useReader.getState().loaded !== null, 'the document');
  render(<ReaderView loaded={useReader.getState().loaded!} />);
  await until(() => useReader.getState().mounted !== null, 'the mounted reader');
}

function view() {
  return useReader.getState().mounted!.view;
}

/** Select canonical offsets [start, end) in the reader, as a drag would. */
function select(start: number, end: number): void {
  const { view: v, loaded } = useReader.getState().mounted!;
  v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, loaded.index.offsetToPos(start, 1), loaded.index.offsetToPos(end, -1))));
}

const codes = (): Code[] => useProject.getState().data!.codebook;
const codings = (): Coding[] => useProject.getState().data!.codings;
/** The highlight plugin's codings, as "start-end" strings in order. */
const drawn = (): string[] => highlightKey.getState(view().state)!.highlights.map((h) => `${h.id.startsWith('pending') ? 'pending ' : ''}${h.start}-${h.end}`);

beforeEach(async () => {
  calls.length = 0;
  await mountReader();
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('codeSelection: one behaviour for every entry point', () => {
  it('codes the selection with a code and draws it', async () => {
    select(at(0, 4), at(0, 12));
    const c = await codeWith(codes()[0]!);
    expect(c).not.toBeNull();
    expect(codings().map((x) => [x.start, x.end, x.exact])).toEqual([[at(0, 4), at(0, 12), 'ministry']]);
    await until(() => drawn().length === 1, 'the highlight');
    expect(drawn()).toEqual([`${at(0, 4)}-${at(0, 12)}`]);
  });

  it('trims the spaces around a selection', async () => {
    select(at(0, 3), at(0, 13));
    await codeWith(codes()[0]!);
    expect(codings()[0]?.exact).toBe('ministry');
  });

  it('collapses the selection after coding, so the highlight shows', async () => {
    select(at(1, 0), at(1, 4));
    await codeWith(codes()[1]!);
    expect(view().state.selection.empty).toBe(true);
    expect(currentSelection()).toBeNull();
  });

  it('keeps a selection made while the coding was on its way (the next passage to code)', async () => {
    select(at(1, 0), at(1, 4));
    const running = codeWith(codes()[0]!);
    select(at(2, 0), at(2, 9));
    await running;
    expect(currentSelection()).toEqual({ start: at(2, 0), end: at(2, 9) });
    await codeWith(codes()[1]!);
    expect(codings().map((c) => c.exact)).toEqual(['NGOs', 'Sanctions']);
  });

  it('shows the passage as pending until the backend answers, then the coding replaces it', async () => {
    select(at(1, 0), at(1, 4));
    const running = codeWith(codes()[0]!);
    expect(drawn()).toEqual([`pending ${at(1, 0)}-${at(1, 4)}`]);
    await running;
    await until(() => drawn().length === 1 && !drawn()[0]!.startsWith('pending'), 'the acknowledged highlight');
    expect(drawn()).toEqual([`${at(1, 0)}-${at(1, 4)}`]);
  });

  it('drops the pending passage and keeps the selection when the backend refuses', async () => {
    select(at(1, 0), at(1, 4));
    failNext.set('coding.add', { code: 'conflict', message: 'Another window changed this project' });
    expect(await codeWith(codes()[0]!)).toBeNull();
    expect(drawn()).toEqual([]);
    expect(currentSelection()).toEqual({ start: at(1, 0), end: at(1, 4) });
    expect(useProject.getState().toasts.map((t) => t.text)).toContain('Another window changed this project');
  });

  it('codes a range captured earlier (the palette and the menu) rather than the selection now', async () => {
    select(at(2, 0), at(2, 9));
    const captured = currentSelection();
    select(at(0, 0), at(0, 3));
    await codeWith(codes()[0]!, captured);
    expect(codings()[0]?.exact).toBe('Sanctions');
  });

  it('says what to do when nothing is selected, and calls nothing', async () => {
    calls.length = 0;
    expect(await codeWith(codes()[0]!)).toBeNull();
    expect(calls).toEqual([]);
    expect(useProject.getState().toasts.at(-1)?.text).toMatch(/Select a passage/);
  });

  it('makes an in-vivo code named after the passage', async () => {
    select(at(1, 18), at(1, 32));
    const c = await codeSelection({ inVivo: true });
    const code = codes().find((k) => k.id === c?.codeId);
    expect(code?.name).toBe('new task force');
    expect(codings()).toHaveLength(1);
  });

  it('creates a new code and applies it', async () => {
    select(at(2, 0), at(2, 9));
    const c = await codeSelection({ newCode: 'Sanctions threat' });
    expect(codes().find((k) => k.id === c?.codeId)?.name).toBe('Sanctions threat');
    expect(calls.filter((op) => op === 'code.create' || op === 'coding.add')).toEqual(['code.create', 'coding.add']);
  });

  it('codes nothing in a read-only project', async () => {
    const v = useProject.getState().view!;
    useProject.setState({ view: { ...v, readOnly: true } });
    select(at(0, 4), at(0, 12));
    calls.length = 0;
    expect(await codeWith(codes()[0]!)).toBeNull();
    expect(calls).toEqual([]);
    useProject.setState({ view: v });
  });

  it('says so when no document is open', async () => {
    unmount();
    expect(useReader.getState().mounted).toBeNull();
    expect(await codeWith(codes()[0]!)).toBeNull();
    expect(useProject.getState().toasts.at(-1)?.text).toBe('Open a document first');
  });
});

describe('uncode, recode, resize, memo', () => {
  async function oneCoding(): Promise<Coding> {
    select(at(0, 4), at(0, 12));
    return (await codeWith(codes()[0]!))!;
  }

  it('uncodes, and clears the selection when it was the selected coding', async () => {
    const c = await oneCoding();
    useReader.getState().selectCoding(c.id);
    expect(await uncode(c.id)).toBe(true);
    expect(codings()).toEqual([]);
    expect(useReader.getState().selectedCodingId).toBeNull();
    await until(() => drawn().length === 0, 'the highlight to go');
  });

  it('recodes, keeping passage, coder and memo', async () => {
    const c = await oneCoding();
    await setCodingMemo(c.id, 'why');
    expect(await recode(c.id, codes()[2]!.id)).toBe(true);
    expect(codings().map((x) => [x.codeId, x.start, x.end, x.coderId, x.memo])).toEqual([[codes()[2]!.id, c.start, c.end, c.coderId, 'why']]);
  });

  it('resizes, and refuses an empty extent without calling the backend', async () => {
    const c = await oneCoding();
    expect(await resize(c.id, at(0, 4), at(0, 20))).toBe(true);
    expect(codings()[0]?.exact).toBe('ministry drafted');
    calls.length = 0;
    expect(await resize(c.id, at(0, 9), at(0, 9))).toBe(false);
    expect(calls).toEqual([]);
  });

  it('nudges an edge by a word', async () => {
    const c = await oneCoding();
    expect(await nudge(c, TEXT.join('\n\n'), 'end', 1)).toBe(true);
    expect(codings()[0]?.exact).toBe('ministry drafted');
    expect(await nudge(codings()[0]!, TEXT.join('\n\n'), 'start', -1)).toBe(true);
    expect(codings()[0]?.exact).toBe('The ministry drafted');
  });

  it('draws a coding made in another window when its patch arrives', async () => {
    const doc = useReader.getState().activeDocId!;
    const m = await backend<Mutation<Coding>>('coding.add', { documentId: doc, codeId: codes()[0]!.id, start: at(2, 0), end: at(2, 9) });
    emit({ type: 'patch', dir: useProject.getState().view!.dir, patch: m.patch, author: { client: 'another-window', coderId: null } } as ApiEvent);
    await until(() => drawn().length === 1, 'the other window’s coding');
    expect(drawn()).toEqual([`${at(2, 0)}-${at(2, 9)}`]);
  });
});
