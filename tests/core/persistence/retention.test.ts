import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backupFileName, backupsToPrune, newestFirst, parseBackupFileName, sanitizeReason, type BackupRef } from '../../../src/core/persistence/retention.js';

const HASH = '0123456789abcdef0123456789abcdef';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function ref(time: number, reason = 'open'): BackupRef {
  const parsed = parseBackupFileName(backupFileName(time, reason, HASH));
  if (!parsed) throw new Error('name did not parse');
  return parsed;
}

describe('backup names', () => {
  it('round-trip time, reason and hash', () => {
    const name = backupFileName(Date.UTC(2026, 10, 23, 4, 5, 6, 789), 'Before import: seeds!', HASH);
    expect(name).toBe('casecoder-20261123T040506789Z-before-import-seeds-0123456789ab.json');
    expect(parseBackupFileName(name)).toEqual({ name, time: Date.UTC(2026, 10, 23, 4, 5, 6, 789), reason: 'before-import-seeds', hash: '0123456789ab' });
  });

  it('ignores names that are not ours', () => {
    for (const n of ['casecoder.json', '.casecoder-x.json.tmp-1-ab', 'notes.txt', 'casecoder-2026-open-0123456789ab.json']) expect(parseBackupFileName(n)).toBeNull();
  });

  it('sanitises reasons', () => {
    expect(sanitizeReason('  ')).toBe('manual');
    expect(sanitizeReason('Pre-migration v0')).toBe('pre-migration-v0');
    expect(sanitizeReason('a'.repeat(50)).length).toBeLessThanOrEqual(40);
    expect(sanitizeReason('../../etc')).toBe('etc');
  });
});

describe('retention', () => {
  const policy = { keepLast: 3, keepDaily: 2, keepMonthly: 2, keepReasons: ['pre-migration'] };

  it('keeps the newest N, one per recent day and month, and every pre-migration copy', () => {
    const backups = [ref(T0 - 400 * DAY, 'pre-migration-v0'), ref(T0 - 90 * DAY), ref(T0 - 60 * DAY), ref(T0 - 3 * DAY), ref(T0 - 3 * DAY + 1000), ref(T0 - 1 * DAY), ref(T0), ref(T0 + 1000), ref(T0 + 2000)];
    const pruned = backupsToPrune(backups, policy).map((b) => b.time);
    // Kept: the 3 newest (all on Jan 1); the 2 newest days → Jan 1 and Dec 31 (T0-1d); the 2 newest
    // months → Jan and Dec (again T0-1d); the pre-migration copy. Everything else goes.
    expect(pruned.sort()).toEqual([T0 - 90 * DAY, T0 - 60 * DAY, T0 - 3 * DAY, T0 - 3 * DAY + 1000].sort());
  });

  it('never prunes a kept backup, and keeps at least the newest N (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 800 * 24 }), { maxLength: 60 }), fc.nat(5), fc.nat(5), fc.nat(5), (hours, last, daily, monthly) => {
        const backups = [...new Set(hours)].map((h) => ref(T0 + h * 3_600_000, h % 17 === 0 ? 'pre-migration-v1' : 'open'));
        const pol = { keepLast: last, keepDaily: daily, keepMonthly: monthly, keepReasons: ['pre-migration'] };
        const pruned = new Set(backupsToPrune(backups, pol).map((b) => b.name));
        const ordered = newestFirst(backups);
        ordered.slice(0, last).forEach((b) => expect(pruned.has(b.name)).toBe(false));
        ordered.filter((b) => b.reason.startsWith('pre-migration')).forEach((b) => expect(pruned.has(b.name)).toBe(false));
        const keptDays = new Set(ordered.filter((b) => !pruned.has(b.name)).map((b) => new Date(b.time).toISOString().slice(0, 10)));
        const allDays = new Set(ordered.map((b) => new Date(b.time).toISOString().slice(0, 10)));
        expect(keptDays.size).toBeGreaterThanOrEqual(Math.min(daily, allDays.size));
        expect(backups.length - pruned.size).toBeLessThanOrEqual(last + daily + monthly + ordered.filter((b) => b.reason !== 'open').length);
      }),
      { numRuns: 200 },
    );
  });
});
