import { describe, expect, it } from 'vitest';
import { interpretProjectText } from '../../../src/core/persistence/load.js';
import type { Migration } from '../../../src/core/persistence/migrations.js';
import { fixtureProject } from './fixtures.js';
import { toV0, V0_TO_V1 } from './migration-fixtures.js';

describe('interpretProjectText', () => {
  it('reads a current file as current, without steps', () => {
    const data = fixtureProject(3);
    expect(interpretProjectText(JSON.stringify(data))).toEqual({ kind: 'current', data, fromVersion: 1, steps: [] });
  });

  it('tolerates a byte-order mark', () => {
    expect(interpretProjectText(`\uFEFF${JSON.stringify(fixtureProject(1))}`).kind).toBe('current');
  });

  it.each([
    ['', 'the file is empty'],
    ['\u0000'.repeat(64), 'the file holds only blank or NUL characters'],
    ['   \n', 'the file holds only blank or NUL characters'],
  ])('calls %j damaged', (text, problem) => {
    expect(interpretProjectText(text)).toEqual({ kind: 'damaged', problem });
  });

  it('calls truncated JSON, foreign JSON and invalid structure damaged, naming the problem', () => {
    const full = JSON.stringify(fixtureProject(3));
    expect(interpretProjectText(full.slice(0, full.length / 2))).toMatchObject({ kind: 'damaged', problem: expect.stringMatching(/^not valid JSON/) });
    expect(interpretProjectText('{"name":"x"}')).toEqual({ kind: 'damaged', problem: 'format: expected "casecoder", got nothing (missing)' });
    const broken = fixtureProject(3);
    (broken.codings[1] as unknown as Record<string, unknown>).end = 'far';
    expect(interpretProjectText(JSON.stringify(broken))).toEqual({ kind: 'damaged', problem: 'codings[1].end: expected an integer ≥ 0, got the string "far"' });
  });

  it('marks a newer file as newer, with data only when it still fits today’s shape', () => {
    const newer = { ...fixtureProject(2), schemaVersion: 3, extra: [] };
    expect(interpretProjectText(JSON.stringify(newer))).toEqual({ kind: 'newer', version: 3, data: newer, problem: null });
    const alien = { format: 'casecoder', schemaVersion: 9, everything: 'different' };
    expect(interpretProjectText(JSON.stringify(alien))).toMatchObject({ kind: 'newer', version: 9, data: null, problem: expect.stringMatching(/^project: expected an object/) });
  });

  it('migrates an older file step by step, then validates', () => {
    const v0 = JSON.stringify(toV0());
    expect(interpretProjectText(v0)).toEqual({ kind: 'damaged', problem: 'no migration from schema 0 to 1' });
    const r = interpretProjectText(v0, { migrations: [V0_TO_V1] });
    expect(r.kind).toBe('current');
    if (r.kind === 'current') {
      expect(r.fromVersion).toBe(0);
      expect(r.steps).toEqual(['v0→v1: codebook renamed, codings gained memos']);
      expect(r.data.codebook).toEqual(fixtureProject(4).codebook);
      expect(r.data.codings.every((c) => c.memo === '')).toBe(true);
    }
  });

  it('calls a file damaged when its migration produces an invalid project', () => {
    const broken: Migration = { ...V0_TO_V1, up: (d) => ({ ...d }) };
    expect(interpretProjectText(JSON.stringify(toV0()), { migrations: [broken] })).toEqual({ kind: 'damaged', problem: 'codebook: expected an array, got nothing (missing)' });
  });
});
