import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { closeService, freshProject, key, render, unmount } from '../../reader/reader-kit.js';
import { useProject } from '../../../../src/renderer/src/state/project-store.js';
import { useWorkflow } from '../../../../src/renderer/src/features/workflow/store.js';
import { CodebookPanel } from '../../../../src/renderer/src/features/codebook/CodebookPanel.js';

/** Type into a React-controlled input as the browser does (the value setter, then an input event). */
function type(input: HTMLInputElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const legislationId = (): string => useProject.getState().data!.codebook.find((c) => c.name === 'Legislation')!.id;

beforeEach(async () => {
  await freshProject();
  await useProject.getState().boot();
  useWorkflow.setState({ editingCodeId: null });
  // No frame is ever painted: what the keyboard reaches must not wait for one (a slow machine's next frame comes after the next key).
  vi.stubGlobal('requestAnimationFrame', () => 0);
}, 60_000);
afterEach(() => {
  unmount();
  vi.unstubAllGlobals();
});
afterAll(() => closeService());

describe('the codebook from the keyboard, keys typed faster than frames', () => {
  it('↓ in the filter puts the focus on the first match at once, so E right after opens its details', () => {
    const host = render(<CodebookPanel />);
    const filter = host.querySelector<HTMLInputElement>('input[aria-label="Filter codes"]')!;
    filter.focus();
    type(filter, 'Legislation');
    key('ArrowDown', {}, filter);
    const row = host.querySelector<HTMLElement>(`[data-code-id="${legislationId()}"]`);
    expect(row).not.toBeNull();
    expect(document.activeElement).toBe(row);
    key('e', {}, document.activeElement!);
    expect(filter.value).toBe('Legislation');
    expect(useWorkflow.getState().editingCodeId).toBe(legislationId());
    expect(host.querySelector('select[aria-label="Merge into code"]')).not.toBeNull();
  });

  it('↓ and ↑ move between rows at once, and ↑ from the first row goes back to the filter', () => {
    const host = render(<CodebookPanel />);
    const filter = host.querySelector<HTMLInputElement>('input[aria-label="Filter codes"]')!;
    filter.focus();
    key('ArrowDown', {}, filter);
    const rows = [...host.querySelectorAll<HTMLElement>('.code-row')];
    expect(document.activeElement).toBe(rows[0]);
    key('ArrowDown', {}, rows[0]);
    expect(document.activeElement).toBe(rows[1]);
    key('ArrowUp', {}, rows[1]);
    expect(document.activeElement).toBe(rows[0]);
    key('ArrowUp', {}, rows[0]);
    expect(document.activeElement).toBe(filter);
  });

  it('Delete opens the code’s details at its delete confirmation at once', () => {
    const host = render(<CodebookPanel />);
    const row = host.querySelector<HTMLElement>(`[data-code-id="${legislationId()}"]`)!;
    row.focus();
    key('Delete', {}, row);
    expect(useWorkflow.getState().editingCodeId).toBe(legislationId());
    const confirm = host.querySelector<HTMLButtonElement>('[role="alert"] button.danger-fill');
    expect(confirm?.textContent).toBe('Delete');
    expect(document.activeElement).toBe(confirm);
  });
});
