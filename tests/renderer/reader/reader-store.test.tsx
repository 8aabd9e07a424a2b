import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backend, calls, closeService, failNext, freshProject, render, unmount, until } from './reader-kit.js';
import { useProject } from '../../../src/renderer/src/state/project-store.js';
import { loadDocument, useReader, whenMounted } from '../../../src/renderer/src/reader/reader-store.js';
import { openPassage, ReaderView } from '../../../src/renderer/src/reader/index.js';
import type { ImportReport, Mutation } from '../../../src/shared/api.js';
import type { SourceContent } from '../../../src/core/model/types.js';

function Pane(): React.JSX.Element | null {
  const loaded = useReader((s) => s.loaded);
  return loaded ? <ReaderView key={loaded.id} loaded={loaded} /> : null;
}

let second = '';
beforeEach(async () => {
  calls.length = 0;
  const dir = await freshProject();
  // A second document, so switching has somewhere to go.
  const { writeFileSync } = await import('node:fs');
  const file = `${dir}-two.txt`;
  writeFileSync(file, 'A second report.\n\nIt has two paragraphs.');
  const r = await backend<Mutation<ImportReport>>('import.files', { paths: [file] });
  second = r.value.files[0]!.documentIds[0]!;
  await useProject.getState().boot();
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('the active document', () => {
  it('opens the project’s first document when a project is shown', async () => {
    await until(() => useReader.getState().loaded !== null, 'the first document');
    const first = useProject.getState().data!.documents[0]!.id;
    expect(useReader.getState().activeDocId).toBe(first);
    expect(useReader.getState().loaded?.index.text.startsWith('The ministry')).toBe(true);
  });

  it('loads a document once: selecting the shown one again fetches nothing', async () => {
    await until(() => useReader.getState().loaded !== null, 'the first document');
    calls.length = 0;
    await useReader.getState().selectDocument(useReader.getState().activeDocId);
    expect(calls).toEqual([]);
  });

  it('keeps the later choice when two loads race', async () => {
    await until(() => useReader.getState().loaded !== null, 'the first document');
    const first = useReader.getState().activeDocId!;
    const a = useReader.getState().selectDocument(second);
    const b = useReader.getState().selectDocument(first);
    await Promise.all([a, b]);
    expect(useReader.getState().activeDocId).toBe(first);
    expect(useReader.getState().loaded?.id).toBe(first);
  });

  it('says why a document cannot be read, and shows none', async () => {
    await until(() => useReader.getState().loaded !== null, 'the first document');
    failNext.set('document.content', { code: 'corrupt', message: 'sources/x.json: text hash mismatch' });
    await useReader.getState().selectDocument(second);
    expect(useReader.getState().loaded).toBeNull();
    expect(useProject.getState().toasts.at(-1)?.text).toBe('sources/x.json: text hash mismatch');
  });

  it('moves to the first remaining document when the shown one goes (its import undone in another window)', async () => {
    await useReader.getState().selectDocument(second);
    const first = useProject.getState().data!.documents[0]!.id;
    const m = await backend<Mutation<unknown>>('history.undo', {});
    const { emit } = await import('./reader-kit.js');
    emit({ type: 'patch', dir: useProject.getState().view!.dir, patch: m.patch, author: { client: 'other', coderId: null } });
    await until(() => useReader.getState().activeDocId === first, 'the move to the first document');
  });

  it('shows nothing once the project closes', async () => {
    await until(() => useReader.getState().loaded !== null, 'the first document');
    await useProject.getState().closeProject();
    expect(useReader.getState().activeDocId).toBeNull();
    expect(useReader.getState().loaded).toBeNull();
  });

  it('parses stored content into a node and its text index', async () => {
    const id = useProject.getState().data!.documents[0]!.id;
    const content = await backend<SourceContent>('document.content', { id });
    const loaded = loadDocument(id, content.doc);
    expect(loaded.index.text).toBe(content.text);
    expect(loaded.doc.childCount).toBe(3);
  });
});

describe('whenMounted and openPassage: no polling', () => {
  it('resolves at once when the document is mounted', async () => {
    render(<Pane />);
    await until(() => useReader.getState().mounted !== null, 'the reader');
    const id = useReader.getState().activeDocId!;
    const m = await whenMounted(id);
    expect(m.loaded.id).toBe(id);
  });

  it('resolves when the reader mounts the document, and not before', async () => {
    render(<Pane />);
    await until(() => useReader.getState().mounted !== null, 'the reader');
    let done = false;
    const waiting = whenMounted(second).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    await useReader.getState().selectDocument(second);
    await until(() => done, 'whenMounted');
    await waiting;
    expect(useReader.getState().mounted?.loaded.id).toBe(second);
  });

  it('opens a passage: switches view and document, selects the coding and the text', async () => {
    render(<Pane />);
    await until(() => useReader.getState().mounted !== null, 'the reader');
    useProject.getState().setView('matrices');
    await openPassage({ documentId: second, start: 2, end: 8, codingId: 'g_1' });
    expect(useProject.getState().activeView).toBe('reader');
    expect(useReader.getState().selectedCodingId).toBe('g_1');
    const { view, loaded } = useReader.getState().mounted!;
    await until(() => !view.state.selection.empty, 'the selection');
    expect(loaded.index.text.slice(loaded.index.posToOffset(view.state.selection.from, 1), loaded.index.posToOffset(view.state.selection.to, -1))).toBe('second');
  });

  it('bumps the jump every time, so the same passage can be asked for twice', () => {
    useReader.getState().jumpTo({ documentId: second, start: 0, end: 1 });
    const a = useReader.getState().jump!.seq;
    useReader.getState().jumpTo({ documentId: second, start: 0, end: 1 });
    expect(useReader.getState().jump!.seq).toBe(a + 1);
  });

  it('exposes the mounted view to the reader benchmark', async () => {
    render(<Pane />);
    await until(() => useReader.getState().mounted !== null, 'the reader');
    const probe = (globalThis as { __casecoderReader?: { view: unknown } }).__casecoderReader;
    expect(probe?.view).toBe(useReader.getState().mounted?.view);
    unmount();
    expect(probe?.view).toBeNull();
  });
});

describe('panels', () => {
  it('opening the palette closes the menu', () => {
    useReader.getState().openMenu({ x: 0, y: 0, selection: null, codingIds: [] });
    useReader.getState().setPalette(true);
    expect(useReader.getState().menu).toBeNull();
    expect(useReader.getState().paletteOpen).toBe(true);
  });
});
