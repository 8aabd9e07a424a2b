import { describe, expect, it } from 'vitest';
import { migrateProject, planMigrations, PROJECT_MIGRATIONS, readVersionHeader, type Migration } from '../../../src/core/persistence/migrations.js';

/** A synthetic chain v1 → v2 → v3 over a toy shape, to exercise the framework itself. */
const chain: Migration[] = [
  { from: 2, to: 3, summary: 'labels became tags', up: ({ labels, ...rest }) => ({ ...rest, tags: labels }) },
  { from: 1, to: 2, summary: 'items gained labels', up: (d) => ({ ...d, labels: (d.items as string[]).map((i) => i.toUpperCase()) }) },
];

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

describe('migration framework', () => {
  it('has no released migrations while schema 1 is the only schema', () => {
    expect(PROJECT_MIGRATIONS).toEqual([]);
    expect(planMigrations(1, 1)).toEqual({ ok: true, value: [] });
  });

  it('plans steps in order regardless of registry order', () => {
    const plan = planMigrations(1, 3, chain);
    expect(plan.ok && plan.value.map((m) => m.from)).toEqual([1, 2]);
  });

  it('applies each step once, stamps the version, and never mutates its input', () => {
    const input = deepFreeze({ format: 'casecoder', schemaVersion: 1, items: ['a', 'b'] });
    const r = migrateProject(input, 3, chain);
    expect(r).toEqual({
      ok: true,
      value: { data: { format: 'casecoder', schemaVersion: 3, items: ['a', 'b'], tags: ['A', 'B'] }, fromVersion: 1, steps: ['v1→v2: items gained labels', 'v2→v3: labels became tags'] },
    });
    expect(input).toEqual({ format: 'casecoder', schemaVersion: 1, items: ['a', 'b'] });
  });

  it('starts from the middle of a chain', () => {
    const r = migrateProject({ format: 'casecoder', schemaVersion: 2, labels: ['X'] }, 3, chain);
    expect(r.ok && r.value.data).toEqual({ format: 'casecoder', schemaVersion: 3, tags: ['X'] });
  });

  it('reports a gap, a wrong step, a downgrade and a throwing step as errors', () => {
    expect(planMigrations(1, 3, [chain[1]!])).toEqual({ ok: false, error: { code: 'unsupported', message: 'no migration from schema 2 to 3' } });
    expect(planMigrations(1, 2, [{ ...chain[1]!, to: 3 }])).toEqual({ ok: false, error: { code: 'unsupported', message: 'migration from schema 1 goes to 3, expected 2' } });
    expect(planMigrations(3, 1, chain).ok).toBe(false);
    const r = migrateProject({ format: 'casecoder', schemaVersion: 1, items: 5 }, 3, chain);
    expect(!r.ok && r.error.message).toMatch(/^migration v1→v2 failed: .*map/);
  });

  it('refuses a step that returns its input or a non-object', () => {
    const same: Migration = { from: 1, to: 2, summary: 'lazy', up: (d) => d as Record<string, unknown> };
    expect(migrateProject({ format: 'casecoder', schemaVersion: 1 }, 2, [same]).ok).toBe(false);
  });

  it('reads the version header before knowing the shape', () => {
    expect(readVersionHeader({ format: 'casecoder', schemaVersion: 0 })).toEqual({ ok: true, value: { format: 'casecoder', schemaVersion: 0 } });
    expect(readVersionHeader([]).ok).toBe(false);
    expect(readVersionHeader({ format: 'casecoder', schemaVersion: '1' }).ok).toBe(false);
    expect(readVersionHeader({ schemaVersion: 1 }).ok).toBe(false);
  });
});
