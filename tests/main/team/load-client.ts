/**
 * A simulated coder of the load and fault tests: coding actions over HTTP (adds, updates,
 * undos), each with an idempotency key, retried with the same key after a network error or a
 * 503 until acknowledged. It mirrors what the server acknowledged, so the test can compare.
 */
import { randomUUID } from 'node:crypto';
import { seededRandom } from '../../support/prng.js';

/** An acknowledged coding as the client believes it is on the server. */
export interface Mirror {
  codings: Map<string, { start: number; end: number }>;
  acknowledged: number;
  retries: number;
  latencies: number[];
}

type Step = { kind: 'add'; id?: string } | { kind: 'update'; id: string; before: { start: number; end: number } };

/** POST with one idempotency key, retried until a definite answer (anything but a network error or 503). */
export async function callUntilAnswered(
  base: () => string,
  user: string,
  op: string,
  args: unknown,
  project: string,
  mirror: Mirror,
  maxMs = 60_000,
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const key = randomUUID();
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const t0 = performance.now();
      const res = await fetch(`${base()}api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-user': user, 'idempotency-key': key, 'x-casecoder-project': encodeURIComponent(project) },
        body: JSON.stringify(args),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as never;
      if (res.status !== 503) {
        mirror.latencies.push(performance.now() - t0);
        return { status: res.status, body };
      }
    } catch {
      // Dropped connection or server gone: retry with the same key.
    }
    mirror.retries++;
    if (Date.now() - started > maxMs) throw new Error(`${op} not answered within ${maxMs} ms`);
    await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)));
  }
}

/**
 * Run `actions` coding actions as `user` (`userId:coder:coderId`) on document `docId`, code
 * `codeId` (text length `chars`). Seeded: the same seed makes the same actions.
 */
export async function codeAway(opts: { base: () => string; user: string; project: string; docId: string; codeId: string; chars: number; actions: number; seed: number; undoShare?: number; onAck?: (id: string) => void }): Promise<Mirror> {
  const rand = seededRandom(opts.seed);
  const mirror: Mirror = { codings: new Map(), acknowledged: 0, retries: 0, latencies: [] };
  const undo: Step[] = [];
  for (let i = 0; i < opts.actions; i++) {
    const roll = rand();
    const ids = [...mirror.codings.keys()];
    if (roll < (opts.undoShare ?? 0.15) && undo.length > 0) {
      const r = await callUntilAnswered(opts.base, opts.user, 'history.undo', {}, opts.project, mirror);
      if (!r.body.ok) throw new Error(`undo refused: ${r.body.error?.message}`);
      const step = undo.pop() as Step;
      if (step.kind === 'add') mirror.codings.delete(step.id as string);
      else mirror.codings.set(step.id, step.before);
      mirror.acknowledged++;
    } else if (roll < 0.4 && ids.length > 0) {
      const id = ids[Math.floor(rand() * ids.length)] as string;
      const before = mirror.codings.get(id) as { start: number; end: number };
      const end = Math.min(opts.chars, before.start + 2 + Math.floor(rand() * 40));
      if (end === before.end) continue;
      const r = await callUntilAnswered(opts.base, opts.user, 'coding.update', { id, end }, opts.project, mirror);
      // The server rightly refuses a second coding of exactly the same passage by the same coder.
      if (!r.body.ok && r.status === 409 && /already coded exactly this passage/.test(r.body.error?.message ?? '')) continue;
      if (!r.body.ok) throw new Error(`update refused: ${r.body.error?.message}`);
      // The trimmed range equals the old one: nothing changed, nothing to acknowledge.
      if (!madeChange(r.body.value)) continue;
      const c = r.body.value as { value?: { start: number; end: number }; changes?: { upsert: { codings?: { start: number; end: number }[] } } };
      const now = c.value ?? c.changes?.upsert.codings?.[0];
      if (!now) throw new Error(`no coding in ${JSON.stringify(r.body.value)}`);
      mirror.codings.set(id, { start: now.start, end: now.end });
      undo.push({ kind: 'update', id, before });
      mirror.acknowledged++;
    } else {
      const start = Math.floor(rand() * (opts.chars - 50));
      const r = await callUntilAnswered(opts.base, opts.user, 'coding.add', { documentId: opts.docId, codeId: opts.codeId, start, end: start + 10 }, opts.project, mirror);
      if (!r.body.ok) throw new Error(`add refused: ${r.body.error?.message}`);
      // Exactly this passage was coded already: the answer is that coding, and nothing changed.
      if (!madeChange(r.body.value)) continue;
      const { id, start: s0, end: e0 } = added(r.body.value);
      mirror.codings.set(id, { start: s0, end: e0 });
      undo.push({ kind: 'add', id });
      opts.onAck?.(id);
      mirror.acknowledged++;
    }
  }
  return mirror;
}

/** Whether an acknowledged call changed the project: its patch moved the revision, or it is the replay of a commit. */
function madeChange(value: unknown): boolean {
  const v = value as { replayed?: boolean; revision?: number | null; patch?: { revision: number; base: number } };
  if (v.replayed) return v.revision !== null;
  return !v.patch || v.patch.revision !== v.patch.base;
}

/** The p-th percentile (0–100) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** The coding an add created: from its result, or from the change set of a replay whose response was lost with a killed server. */
function added(value: unknown): { id: string; start: number; end: number } {
  const v = value as { value?: { id: string; start: number; end: number }; changes?: { upsert: { codings?: { id: string; start: number; end: number }[] } } };
  const c = v.value ?? v.changes?.upsert.codings?.[0];
  if (!c) throw new Error(`no coding in ${JSON.stringify(value)}`);
  return { id: c.id, start: c.start, end: c.end };
}
