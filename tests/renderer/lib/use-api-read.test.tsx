import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import { at, calls, closeService, freshProject, render, unmount, until } from '../reader/reader-kit.js';
import { useApiRead } from '../../../src/renderer/src/lib/use-api-read.js';
import { api } from '../../../src/renderer/src/lib/api.js';
import { applyMutation, useProject } from '../../../src/renderer/src/state/project-store.js';

/** Shows what `retrieval.passages` answers for `codeIds` (null: asks nothing), as the count of passages. */
function Probe({ codeIds }: { codeIds: string[] | null }): React.JSX.Element {
  const r = useApiRead('retrieval.passages', codeIds === null ? null : { codeIds });
  return <output>{r === null ? 'waiting' : r.ok ? `${r.value.length} passages` : r.error.message}</output>;
}

const shown = (el: HTMLElement): string => el.querySelector('output')?.textContent ?? '';
const asked = (): number => calls.filter((op) => op === 'retrieval.passages').length;

beforeEach(async () => {
  await freshProject();
  await useProject.getState().boot();
  calls.length = 0;
});
afterEach(() => unmount());
afterAll(() => closeService());

describe('useApiRead', () => {
  it('asks nothing while its arguments are null', async () => {
    const el = render(<Probe codeIds={null} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(shown(el)).toBe('waiting');
    expect(asked()).toBe(0);
  });

  it('asks again when the project’s revision moves, and shows the new answer', async () => {
    const code = useProject.getState().data!.codebook[0]!.id;
    const el = render(<Probe codeIds={[code]} />);
    await until(() => shown(el) === '0 passages', 'the first answer');
    expect(asked()).toBe(1);
    const doc = useProject.getState().data!.documents[0]!.id;
    await applyMutation(api.call('coding.add', { documentId: doc, codeId: code, start: at(1), end: at(1, 4) }));
    await until(() => shown(el) === '1 passages', 'the answer after the coding');
    expect(asked()).toBe(2);
  });

  it('never shows an answer given for other arguments, and asks nothing for the same arguments again', async () => {
    const [a, b] = useProject.getState().data!.codebook.map((c) => c.id);
    const doc = useProject.getState().data!.documents[0]!.id;
    await applyMutation(api.call('coding.add', { documentId: doc, codeId: a!, start: at(0), end: at(0, 3) }));
    let ask: (ids: string[]) => void = () => undefined;
    function Switcher(): React.JSX.Element {
      const [ids, setIds] = useState([a!]);
      ask = setIds;
      return <Probe codeIds={ids} />;
    }
    const el = render(<Switcher />);
    await until(() => shown(el) === '1 passages', 'the answer for the first code');
    act(() => ask([b!]));
    // The first code's answer is gone the moment the question changes.
    expect(shown(el)).toBe('waiting');
    await until(() => shown(el) === '0 passages', 'the answer for the second code');
    const before = asked();
    // The same arguments in a new array are the same question.
    act(() => ask([b!]));
    await new Promise((r) => setTimeout(r, 50));
    expect(shown(el)).toBe('0 passages');
    expect(asked()).toBe(before);
  });
});
