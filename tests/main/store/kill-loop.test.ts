/**
 * Crash durability under kill -9 (research/reliability-security.md §2.6, tests D2 and D5).
 *
 * A child process opens the project and commits codings one by one (each a journal append), printing
 * `ACK n` after each acknowledged commit, and in half the lanes compacts every 3 commits; the parent SIGKILLs it at a random moment, then checks that
 * `casecoder.json` itself is valid and that reopening holds exactly codings 1..count with
 * lastAck ≤ count ≤ lastTry. Half the kills land 0–60 ms after the child's first ACK, 30 % 5–65 ms
 * after it is open (both mid-commit), 20 % during start-up (lock takeover, open-time backup). The negative control drives a naive
 * in-place writer the same way and must be caught leaving a damaged file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpretProjectBytes } from '../../../src/main/store/backups.js';
import { createProjectFolder, openProjectFolder } from '../../../src/main/store/project-store.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';
import { bundleChild, lastNumber, runChild, tempDir, type KillPlan } from './helpers.js';
import { seededRandom as rng } from '../../support/prng.js';

const ROUNDS_PER_LANE = 80;
/** Lanes 0 and 1 only append to the journal; lanes 2 and 3 also start a compaction every 3 commits. */
const LANES = 4;
const COMPACTING_LANES = new Set([2, 3]);

let commitChild: string[] = [];
let naiveChild: string[] = [];

beforeAll(async () => {
  const out = tempDir();
  commitChild = await bundleChild('commit-child', out);
  naiveChild = await bundleChild('naive-child', out);
});

interface LaneStats {
  rounds: number;
  roundsWithAck: number;
  acks: number;
  count: number;
}

async function durableLane(seed: number, compacting: boolean): Promise<LaneStats> {
  const random = rng(seed);
  const dir = join(tempDir(), 'project');
  const created = await createProjectFolder(dir, fixtureProject(300));
  if (!created.ok) throw new Error(created.error.message);
  await created.value.store.close();
  let lastAck = 300;
  const stats: LaneStats = { rounds: 0, roundsWithAck: 0, acks: 0, count: 300 };
  for (let round = 0; round < ROUNDS_PER_LANE; round++) {
    const dice = random();
    const delay = Math.floor(random() * 61);
    const plan: KillPlan = dice < 0.2 ? { afterSpawnMs: delay * 4 } : dice < 0.5 ? { afterReadyMs: 5 + delay } : { afterFirstAckMs: delay };
    const before = stats.count;
    const { lines, signal } = await runChild(commitChild, compacting ? [dir, '3'] : [dir], plan).done;
    const context = `seed ${seed}, round ${round}, plan ${JSON.stringify(plan)}, last lines ${JSON.stringify(lines.slice(-3))}`;
    expect(
      lines.filter((l) => /^(ERROR|READONLY)/.test(l)),
      context,
    ).toEqual([]);
    expect(signal, context).toBe('SIGKILL');
    const roundAck = lastNumber(lines, 'ACK', -1);
    if (roundAck >= 0) {
      stats.roundsWithAck++;
      stats.acks += lines.filter((l) => l.startsWith('ACK ')).length;
      lastAck = Math.max(lastAck, roundAck);
    }
    const lastTry = lastNumber(lines, 'TRY', before);

    // The file itself is whole and valid: no restore from a backup was needed.
    const outcome = interpretProjectBytes(readFileSync(join(dir, 'casecoder.json')));
    expect(outcome.kind, `${context}: ${outcome.kind === 'damaged' ? outcome.problem : ''}`).toBe('current');

    const opened = await openProjectFolder(dir, { readOnly: true });
    if (!opened.ok) throw new Error(`${context}: ${opened.error.message}`);
    // A torn last journal line may be reported (never acknowledged); damage never.
    expect(
      opened.value.messages.filter((m) => /damaged|invalid/.test(m)),
      context,
    ).toEqual([]);
    const codings = opened.value.store.data.codings;
    expect(codings.length, context).toBeGreaterThanOrEqual(lastAck);
    expect(codings.length, context).toBeLessThanOrEqual(Math.max(lastTry, before));
    codings.forEach((c, i) => {
      if (c.id !== `k_${i + 1}`) expect(c.id, `${context}: coding ${i}`).toBe(`k_${i + 1}`);
    });
    expect(codings[codings.length - 1], context).toEqual(fixtureCoding(codings.length));
    await opened.value.store.close();
    stats.count = codings.length;
    stats.rounds++;
  }
  // A final writable open cleans up what the killed writers left (temp files, stale lock).
  const final = await openProjectFolder(dir);
  if (!final.ok) throw new Error(final.error.message);
  expect(final.value.store.readOnly).toBe(false);
  await final.value.store.close();
  const leftovers = [...readdirSync(dir), ...readdirSync(join(dir, 'backups')).map((n) => `backups/${n}`)].filter((n) => /\.tmp-|\.lock/.test(n));
  expect(leftovers).toEqual([]);
  return stats;
}

describe('kill -9 loop', () => {
  it(`never loses an acknowledged coding nor leaves a damaged file (${LANES * ROUNDS_PER_LANE} kills)`, async () => {
    const seed = Number(process.env.CC_KILL_SEED ?? Date.now() % 1_000_000);
    console.log(`kill loop seed ${seed} (set CC_KILL_SEED to replay)`);
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => durableLane(seed + i, COMPACTING_LANES.has(i))));
    const rounds = lanes.reduce((s, l) => s + l.rounds, 0);
    const withAck = lanes.reduce((s, l) => s + l.roundsWithAck, 0);
    const acks = lanes.reduce((s, l) => s + l.acks, 0);
    console.log(`kill loop: ${rounds} kills, ${withAck} mid-commit rounds with acks, ${acks} acknowledged commits checked`);
    expect(rounds).toBeGreaterThanOrEqual(300);
    // The harness has teeth only if many kills land while commits are under way (half the plans wait for an ACK).
    expect(withAck).toBeGreaterThanOrEqual(rounds * 0.4);
  }, 600_000);

  it('catches a naive in-place writer leaving a damaged file (negative control)', async () => {
    const seed = Number(process.env.CC_KILL_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    const dir = join(tempDir(), 'naive');
    const created = await createProjectFolder(dir, fixtureProject(5000));
    if (!created.ok) throw new Error(created.error.message);
    await created.value.store.close();
    const path = join(dir, 'casecoder.json');
    const good = readFileSync(path);
    let caught = '';
    let rounds = 0;
    for (; rounds < 200 && !caught; rounds++) {
      const { signal } = await runChild(naiveChild, [dir], { afterReadyMs: 5 + Math.floor(random() * 56) }).done;
      expect(signal).toBe('SIGKILL');
      const outcome = interpretProjectBytes(readFileSync(path));
      if (outcome.kind !== 'current') {
        caught = outcome.kind === 'damaged' ? outcome.problem : outcome.kind;
        writeFileSync(path, good);
      }
    }
    console.log(`negative control: naive writer caught after ${rounds} kills: ${caught}`);
    expect(caught).not.toBe('');
  }, 240_000);
});
