import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';

/**
 * Race a promise against a wall-clock limit. On timeout the result is a `too-large` error; the
 * work itself is abandoned (its eventual result or rejection is ignored), so callers with
 * cancellable work should also cancel it (see the PDF importer's `destroy`).
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<Result<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.();
      resolve(err('too-large', `${what} took longer than ${Math.round(ms / 1000)} s and was stopped.`));
    }, ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then((v) => ok(v) as Result<T>), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
