/**
 * The journal (issue 10): torn tails, damage, group commit, compaction while committing, close,
 * and two negative controls (a reader without the checksum, a writer without fdatasync) that the
 * same checks must catch.
 */
import { cpSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../src/core/model/result.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { decodeEntry, type JournalEntry } from '../../../src/core/ops/journal-entry.js';
import { JournalWriter, readJournal, type JournalFile } from '../../../src/main/store/journal.js';
import { createProjectFolder, openProjectFolder } from '../../../src/main/store/project-store.js';
import type { ProjectStore } from '../../../src/main/store/store.js';
import { fixtureCoding, fixtureProject } from '../../core/persistence/fixtures.js';
import { durableState, tempDir } from './helpers.js';

async function storeWith(n: number): Promise<{ dir: string; store: ProjectStore }> {
  const dir = join(tempDir(), 'p');
  const c = await createProjectFolder(dir, fixtureProject(3));
  if (!c.ok) throw new Error(c.error.message);
  const { store } = c.value;
  for (let k = 4; k < 4 + n; k++) {
    const r = await store.commitChanges({ by: 'u_ana', label: `Code ${k}`, changes: { upsert: { codings: [{ ...fixtureCoding(k), memo: `memo ${k} ünïcode ✓` }] }, remove: {} } });
    if (!r.ok) throw new Error(r.error.message);
  }
  return { dir, store };
}

/** A copy of the folder as a crash would leave it (the store still open; its files are durable). */
function crashCopy(dir: string): string {
  const copy = join(tempDir(), 'crash');
  // Without the lock: the crashed writer's lock would be stale, but this test process is alive.
  cpSync(dir, copy, { recursive: true, filter: (src) => !src.endsWith('.lock') });
  return copy;
}

async function reopen(dir: string): Promise<{ data: ProjectData; messages: string[]; store: ProjectStore }> {
  const o = await openProjectFolder(dir);
  if (!o.ok) throw new Error(o.error.message);
  return { data: o.value.store.data, messages: o.value.messages, store: o.value.store };
}

const ids = (d: ProjectData): string[] => d.codings.map((c) => c.id);

describe('journal: open replays, torn tails are dropped, damage is kept aside', () => {
  it('replays acknowledged entries after a crash; every cut inside the last line drops only that line, and says so', async () => {
    const { dir, store } = await storeWith(5);
    const journal = readdirSync(dir).find((n) => n.startsWith('journal-')) as string;
    const bytes = readFileSync(join(dir, journal));
    const lastStart = bytes.subarray(0, bytes.length - 1).lastIndexOf(0x0a) + 1;
    const whole = await reopen(crashCopy(dir));
    expect(ids(whole.data)).toEqual(['k_1', 'k_2', 'k_3', 'k_4', 'k_5', 'k_6', 'k_7', 'k_8']);
    expect(whole.messages).toEqual(['Check the project: 1 documents have no content file in sources/ (first: d_doc1).']);
    await whole.store.close();
    for (let cut = lastStart + 1; cut < bytes.length; cut += 7) {
      const copy = crashCopy(dir);
      truncateSync(join(copy, journal), cut);
      const r = await reopen(copy);
      expect(ids(r.data), `cut at ${cut}`).toEqual(['k_1', 'k_2', 'k_3', 'k_4', 'k_5', 'k_6', 'k_7']);
      expect(r.messages[0]).toMatch(/^The last change in the journal \(line 5 of journal-0\.jsonl \(.+\)\) was incomplete: it was never saved or acknowledged, and was dropped\.$/);
      // The tail was cut off on disk, so new entries follow the last good line.
      expect(readFileSync(join(copy, journal)).length).toBe(lastStart);
      await r.store.close();
    }
    // Zero-filled blocks after a power loss look the same.
    const zeros = crashCopy(dir);
    writeFileSync(join(zeros, journal), Buffer.concat([bytes.subarray(0, lastStart), Buffer.alloc(4096)]));
    const z = await reopen(zeros);
    expect(ids(z.data)).toHaveLength(7);
    await z.store.close();
    await store.close();
  });

  it('a bad line with entries after it is damage: the project opens before it and the journal is kept aside unchanged', async () => {
    const { dir, store } = await storeWith(5);
    const copy = crashCopy(dir);
    await store.close();
    const journal = join(copy, 'journal-0.jsonl');
    const bytes = readFileSync(journal);
    const second = bytes.indexOf(0x0a) + 1;
    const bad = Buffer.from(bytes);
    bad[second + 40] = bad[second + 40] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, bad);
    const r = await reopen(copy);
    expect(ids(r.data)).toEqual(['k_1', 'k_2', 'k_3', 'k_4']);
    expect(r.messages[0]).toMatch(/^The journal is damaged at line 2 of journal-0\.jsonl: checksum mismatch\. The project was opened as of the last intact change before it \(revision 1\); journal-0\.jsonl is kept unchanged beside it\.$/);
    const aside = readdirSync(copy).filter((n) => n.startsWith('journal-0.jsonl.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(copy, aside[0] as string)).equals(bad)).toBe(true);
    // The recovered state was written as the new snapshot at once.
    expect(ids(durableState(copy))).toEqual(['k_1', 'k_2', 'k_3', 'k_4']);
    await r.store.close();
  });
});

describe('journal: group commit, compaction, close', () => {
  it('concurrent appends share fdatasyncs and all land in order', async () => {
    const dir = tempDir();
    const w = await JournalWriter.open(dir, 0);
    const lines = Array.from({ length: 64 }, (_, i) => `line ${i}\n`);
    await Promise.all(lines.map((l) => w.append(l)));
    expect(w.syncs).toBeLessThan(10);
    expect(w.lines).toBe(64);
    await w.close();
    expect(readFileSync(join(dir, 'journal-0.jsonl'), 'utf8')).toBe(lines.join(''));
  });

  it('compacts while commits go on: nothing is lost, the old journal is deleted after the new snapshot', async () => {
    const { dir, store } = await storeWith(20);
    const compaction = store.compact();
    const during = [];
    for (let k = 30; k < 40; k++) during.push(await store.commitChanges({ by: 'u_ana', label: 'x', changes: { upsert: { codings: [fixtureCoding(k)] }, remove: {} } }));
    expect(await compaction).toEqual(ok(undefined));
    expect(during.every((r) => r.ok)).toBe(true);
    expect(
      readdirSync(dir)
        .filter((n) => n.startsWith('journal-'))
        .sort(),
    ).toEqual(['journal-1.jsonl']);
    const snapshot = JSON.parse(readFileSync(join(dir, 'casecoder.json'), 'utf8')) as { journal: { generation: number; revision: number } };
    expect(snapshot.journal.generation).toBe(1);
    const crash = await reopen(crashCopy(dir));
    expect(crash.data).toEqual(store.data);
    await crash.store.close();
    await store.close();
    // Closing leaves one compacted casecoder.json and an empty journal.
    const names = readdirSync(dir).filter((n) => n.startsWith('journal-'));
    expect(names.map((n) => readFileSync(join(dir, n)).length)).toEqual([0]);
    const { journal, ...plain } = JSON.parse(readFileSync(join(dir, 'casecoder.json'), 'utf8')) as ProjectData & { journal: unknown };
    expect(journal).toEqual({ generation: expect.any(Number), revision: 30 });
    expect(plain).toEqual(durableState(dir));
    expect(ids(plain)).toHaveLength(3 + 20 + 10);
  });

  it('refuses an invalid change naming the field, and a coding that points at a missing code, writing nothing', async () => {
    const { dir, store } = await storeWith(1);
    const before = readFileSync(join(dir, 'journal-0.jsonl'));
    const bad = await store.commitChanges({ by: null, label: 'x', changes: { upsert: { codings: [{ ...fixtureCoding(50), start: -1 }] }, remove: {} } });
    expect(!bad.ok && bad.error.message).toMatch(/codings\[0\]\.start: expected an integer ≥ 0/);
    const dangling = await store.commitChanges({ by: null, label: 'x', changes: { upsert: { codings: [{ ...fixtureCoding(51), codeId: 'c_gone' }] }, remove: {} } });
    expect(!dangling.ok && dangling.error.message).toMatch(/coding k_51 refers to a missing code c_gone/);
    expect(readFileSync(join(dir, 'journal-0.jsonl')).equals(before)).toBe(true);
    await store.close();
  });
});

describe('negative controls', () => {
  it('a reader without the checksum accepts silently changed entries that ours drops (bit-flip sweep of the last line)', async () => {
    const { dir, store } = await storeWith(3);
    await store.commitChanges({ by: 'u_ana', label: 'last', changes: { upsert: { codings: [{ ...fixtureCoding(90), memo: 'a memo written at the very end' }] }, remove: {} } });
    const copy = crashCopy(dir);
    await store.close();
    const path = join(copy, 'journal-0.jsonl');
    const good = readFileSync(path);
    const lastStart = good.subarray(0, good.length - 1).lastIndexOf(0x0a) + 1;
    const acknowledged = (await readJournal(copy, 0, 0)).entries;
    const noChecksum: typeof decodeEntry = (line, gen) => {
      const json = line.slice(line.indexOf(' ') + 1);
      try {
        const e = JSON.parse(json) as JournalEntry;
        return e.gen === gen ? ok(e) : decodeEntry(line, gen);
      } catch {
        return decodeEntry(line, gen);
      }
    };
    let oursWrong = 0;
    let theirsWrong = 0;
    for (let at = lastStart + 9; at < good.length - 1; at++) {
      const c = good[at] as number;
      if (c < 0x61 || c > 0x7a) continue; // flip letters only: the JSON keeps parsing
      const bad = Buffer.from(good);
      bad[at] = c === 0x7a ? 0x61 : c + 1;
      writeFileSync(path, bad);
      const prefix = JSON.stringify(acknowledged.slice(0, -1));
      const ours = await readJournal(copy, 0, 0);
      const theirs = await readJournal(copy, 0, 0, noChecksum);
      // Correct outcomes: the acknowledged entries, or all but the torn last one. Anything else is silent corruption.
      const judge = (es: JournalEntry[]): boolean => JSON.stringify(es) === JSON.stringify(acknowledged) || JSON.stringify(es) === prefix;
      if (!judge(ours.entries)) oursWrong++;
      if (!judge(theirs.entries)) theirsWrong++;
    }
    expect(oursWrong).toBe(0);
    expect(theirsWrong).toBeGreaterThan(10);
  });

  it('checks that every acknowledgement follows an fdatasync of its bytes, and catches a writer that skips it', async () => {
    const run = async (sync: boolean): Promise<string[]> => {
      const dir = tempDir();
      const handle = await fsp.open(join(dir, 'journal-0.jsonl'), 'a');
      const events: string[] = [];
      let written = 0;
      let synced = 0;
      const file: JournalFile = {
        write: async (b, o, l) => {
          const r = await handle.write(b, o, l);
          written += r.bytesWritten;
          events.push(`write ${written}`);
          return r;
        },
        datasync: async () => {
          if (sync) {
            await handle.datasync();
            synced = written;
          }
          events.push(`datasync ${synced}`);
        },
        close: () => handle.close(),
      };
      const w = new JournalWriter(file, 0);
      const violations: string[] = [];
      let end = 0;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const line = `entry ${i}\n`;
          end += line.length;
          const mine = end;
          return w.append(line).then(() => {
            if (synced < mine) violations.push(`entry ${i} acknowledged with ${synced} of its ${mine} bytes synced`);
          });
        }),
      );
      await w.close();
      return violations;
    };
    expect(await run(true)).toEqual([]);
    expect((await run(false)).length).toBe(40);
  });
});
