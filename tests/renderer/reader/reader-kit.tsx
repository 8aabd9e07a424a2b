import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Result } from '../../../src/core/model/result.js';
import type { ApiEvent } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';

/**
 * The reader's tests run against the real thing: the real service on a temp project (the same one
 * the CLI and browser mode call) behind the preload bridge's shape, the real stores and the real
 * ReaderView mounted in jsdom. jsdom has no layout, so the few layout calls ProseMirror makes
 * (`getClientRects`, `elementFromPoint`) answer "nothing here"; tests that need a position
 * set `view.posAtCoords` on the instance.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// The service keeps recent projects and the coder name in its app home: a temp one, never the user's.
process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-reader-home-'));
const emptyRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;
const zeroRect = (): DOMRect => ({ x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect;
Range.prototype.getClientRects = emptyRects;
Range.prototype.getBoundingClientRect = zeroRect;
document.elementFromPoint = () => null;

/** The text of the test document: three paragraphs (canonical offsets as in core's text index). */
export const TEXT = ['The ministry drafted a law in 2014.', 'NGOs welcomed the new task force.', 'Sanctions were threatened by the report.'];
/** Offset of paragraph `i`'s first character in the canonical text. */
export const at = (i: number, inner = 0): number => TEXT.slice(0, i).reduce((a, p) => a + p.length + 2, 0) + inner;

let service: Service | null = null;
const listeners = new Set<(e: ApiEvent) => void>();
/** Every call the renderer made, in order (op names). */
export const calls: string[] = [];
/** Make the next calls of `op` fail with this error (one per call), to test refusals. */
export const failNext = new Map<string, { code: string; message: string }>();

(window as unknown as { casecoder: unknown }).casecoder = {
  async call(op: string, args: unknown): Promise<Result<unknown>> {
    calls.push(op);
    const fail = failNext.get(op);
    if (fail) {
      failNext.delete(op);
      return { ok: false, error: fail } as Result<unknown>;
    }
    if (!service) return { ok: false, error: { code: 'io', message: 'no project' } } as Result<unknown>;
    return service.call(op, args);
  },
  onEvent(cb: (e: ApiEvent) => void) {
    listeners.add(cb);
    return () => listeners.delete(cb);
  },
};

/** A fresh project with the test document (and the default codebook), coded as `coder`; returns its folder. */
export async function freshProject(coder = 'Ana'): Promise<string> {
  await service?.close();
  const root = mkdtempSync(join(tmpdir(), 'cc-reader-'));
  const dir = join(root, 'study');
  const file = join(root, 'chad.txt');
  writeFileSync(file, TEXT.join('\n\n'));
  service = createService({ appVersion: 'test', transport: 'cli' });
  const must = async (op: string, args: unknown): Promise<unknown> => {
    const r = await service!.call(op, args);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value;
  };
  await must('project.create', { dir, name: 'Reader test' });
  await must('import.files', { paths: [file] });
  await must('coder.use', { name: coder });
  return dir;
}

/** Call the service directly (as another window would); returns the value or throws. */
export async function backend<T>(op: string, args: unknown): Promise<T> {
  const r = await service!.call(op, args);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.value as T;
}

/** Deliver an event as the event stream would (another window's patch, say). */
export function emit(e: ApiEvent): void {
  act(() => {
    for (const l of listeners) l(e);
  });
}

export async function closeService(): Promise<void> {
  await service?.close();
  service = null;
}

/** Wait until `ok()` holds (store subscriptions and API calls settle over a few ticks). */
export async function until(ok: () => boolean, what = 'condition', ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
  }
}

let root: Root | null = null;
let host: HTMLElement | null = null;

/** Render `el` into the document (replacing what the previous call rendered). */
export function render(el: React.ReactNode): HTMLElement {
  unmount();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(el));
  return host;
}

export function unmount(): void {
  if (root) act(() => root!.unmount());
  root = null;
  host?.remove();
  host = null;
}

/** A keydown on `target` (the window by default) as the browser sends it. */
export function key(k: string, opts: KeyboardEventInit = {}, target: EventTarget = window): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...opts });
  act(() => {
    target.dispatchEvent(e);
  });
  return e;
}
