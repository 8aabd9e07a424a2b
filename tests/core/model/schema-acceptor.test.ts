import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anyVersionProjectDataSchema, codingSchema, memoSchema, projectDataSchema } from '../../../src/core/model/project-schema.js';
import { compileAcceptor } from '../../../src/core/model/schema-acceptor.js';
import { validateProjectData } from '../../../src/core/persistence/validate-project.js';
import { fixtureProject } from '../persistence/fixtures.js';

/** A fixture with every optional part present: page starts, provenance, flags, every memo target. */
function richProject(): unknown {
  const d = fixtureProject(4);
  const provenance = { decidedBy: 'u_ana', fromCodingIds: ['k_1'], decision: 'accept-a', at: '2026-01-02T00:00:00.000Z' };
  return {
    ...d,
    coders: [...d.coders, { id: 'u_auto', name: 'Autocode', auto: true, consensus: false }],
    documents: d.documents.map((doc) => ({ ...doc, pages: [{ page: 1, offset: 0 }] })),
    codings: d.codings.map((c, i) => (i === 0 ? { ...c, provenance } : c)),
    ratings: d.ratings.map((r) => ({ ...r, provenance })),
    memos: [...d.memos, { id: 'n_2', target: { kind: 'code', id: 'c_out' }, coderId: 'u_ana', text: 'x', updated: '2026-01-01T00:00:00.000Z' }],
  };
}

/** Every path to a value inside `v` (objects and arrays included). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const DELETE = Symbol('delete');
const replacement = fc.oneof(fc.constantFrom<unknown>(DELETE, undefined, null, -1, 0, 1.5, 2, NaN, Infinity, '', 'x', 'accept-b', 'project', 'code', 'casecoder', true, false, [], {}, ['x'], { kind: 'case' }), fc.jsonValue({ maxDepth: 2 }));

/** `v` with the value at `path` replaced (or deleted), copied along the path only. */
function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value === DELETE ? undefined : value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && value === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = setAt(v[head as number], rest, value);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && value === DELETE) delete copy[head];
  else copy[head] = setAt(copy[head], rest, value);
  return copy;
}

const damaged = fc
  .array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 3 })
  .chain((edits) => fc.constant(edits))
  .map((edits) => {
    let v = richProject();
    for (const [pick, value] of edits) {
      const all = paths(v);
      v = setAt(v, all[pick % all.length]!, value);
    }
    return v;
  });

/** A duplicate of one item of a collection (same id), sometimes with another field changed. */
const duplicated = fc.tuple(fc.constantFrom('coders', 'codebook', 'cases', 'documents', 'codings', 'matrices', 'ratings', 'memos'), fc.boolean()).map(([k, change]) => {
  const d = richProject() as Record<string, { id: string; name?: string }[]>;
  const first = d[k]![0]!;
  return { ...d, [k]: [...d[k]!, change ? { ...first, name: 'changed' } : first] };
});

/** `v[key]` when it is a list, else nothing. */
function listAt(v: unknown, key: string): unknown[] {
  const x = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return Array.isArray(x) ? x : [];
}

describe('compileAcceptor', () => {
  it('accepts the valid fixtures as zod does', () => {
    expect(projectDataSchema.safeParse(richProject()).success).toBe(true);
    expect(compileAcceptor(projectDataSchema)(richProject())).toBe(true);
    expect(compileAcceptor(projectDataSchema)(fixtureProject(3))).toBe(true);
  });

  it('agrees with safeParse on randomly damaged projects (whole project, any version, and single items)', () => {
    const project = compileAcceptor(projectDataSchema);
    const anyVersion = compileAcceptor(anyVersionProjectDataSchema);
    const coding = compileAcceptor(codingSchema);
    const memo = compileAcceptor(memoSchema);
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(damaged, duplicated), (v) => {
        const expected = projectDataSchema.safeParse(v).success;
        if (!expected) rejected++;
        expect(project(v)).toBe(expected);
        expect(anyVersion(v)).toBe(anyVersionProjectDataSchema.safeParse(v).success);
        for (const c of listAt(v, 'codings')) expect(coding(c)).toBe(codingSchema.safeParse(c).success);
        for (const m of listAt(v, 'memos')) expect(memo(m)).toBe(memoSchema.safeParse(m).success);
      }),
      { numRuns: 500 },
    );
    // The generator must mostly damage: a comparison of only valid projects would prove little.
    expect(rejected).toBeGreaterThan(250);
  }, 60_000);

  it('runs every check, including custom ones and refinements, and delegates what it does not compile', () => {
    const schema = z
      .object({
        n: z.int().min(2).max(4),
        s: z.string().min(1).max(3).optional(),
        e: z.email().optional(),
        u: z.union([z.string(), z.number()]).nullable(),
        r: z.record(z.string(), z.boolean()).optional(),
        t: z
          .string()
          .transform((x) => x.length)
          .optional(),
      })
      .check((ctx) => {
        if (ctx.value.n === 3) ctx.issues.push({ code: 'custom', message: 'not 3', input: ctx.value.n });
      });
    const accepts = compileAcceptor(schema);
    const cases: unknown[] = [
      { n: 2, u: null },
      { n: 3, u: null },
      { n: 5, u: 'x' },
      { n: 2.5, u: 1 },
      { n: 2, s: '', u: 1 },
      { n: 2, s: 'abcd', u: 1 },
      { n: 2, u: true },
      { n: 2, u: 1, e: 'not an email' },
      { n: 2, u: 1, e: 'a@b.org' },
      { n: 2, u: 1, r: { a: true } },
      { n: 2, u: 1, r: { a: 1 } },
      { n: 2, u: 1, t: 5 },
      { n: 2, u: 1, t: 'abc', extra: 'kept' },
      [],
      null,
    ];
    for (const c of cases) expect(accepts(c), JSON.stringify(c)).toBe(schema.safeParse(c).success);
  });
});

describe('validateProjectData with the acceptor', () => {
  it('still names the first offending field in zod words, and returns the input itself when valid', () => {
    const d = fixtureProject(3);
    const bad = { ...d, codings: d.codings.map((c, i) => (i === 1 ? { ...c, start: -1 } : c)) };
    const r = validateProjectData(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('codings[1].start: expected an integer ≥ 0, got the number -1');
    const v = validateProjectData(d);
    expect(v.ok && v.value).toBe(d);
  });
});
