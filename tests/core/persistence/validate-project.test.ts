import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateProjectData } from '../../../src/core/persistence/validate-project.js';
import { clone, fixtureProject } from './fixtures.js';

type Mutate = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function rejection(mutate: Mutate): string {
  const data = clone(fixtureProject(5)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  mutate(data);
  const r = validateProjectData(data);
  if (r.ok) throw new Error('expected a rejection');
  expect(r.error.code).toBe('invalid');
  return r.error.message;
}

describe('validateProjectData', () => {
  it('accepts a well-formed project and returns the same object', () => {
    const data = fixtureProject(10);
    const r = validateProjectData(data);
    expect(r.ok && r.value).toBe(data);
  });

  it('accepts optional fields (provenance, pages, coder flags) and extra unknown fields', () => {
    const data = clone(fixtureProject(2));
    data.coders.push({ id: 'u_cons', name: 'Consensus', consensus: true });
    data.codings[0]!.provenance = { decidedBy: 'u_cons', fromCodingIds: ['k_2'], decision: 'accept-a', at: '2026-01-02T00:00:00Z' };
    data.documents[0]!.pages = [{ page: 1, offset: 0 }];
    (data as unknown as Record<string, unknown>).futureField = { anything: true };
    expect(validateProjectData(data).ok).toBe(true);
  });

  it.each<[string, Mutate, string]>([
    ['not an object', (d) => Object.keys(d).forEach((k) => delete d[k]), 'format: expected "casecoder", got nothing (missing)'],
    ['wrong format marker', (d) => (d.format = 'other'), 'format: expected "casecoder", got the string "other"'],
    ['wrong schema version', (d) => (d.schemaVersion = 7), 'schemaVersion: expected 1, got 7'],
    ['missing project name', (d) => delete d.project.name, 'project.name: expected a string, got nothing (missing)'],
    ['codings not an array', (d) => (d.codings = {}), 'codings: expected an array, got an object'],
    ['negative start', (d) => (d.codings[3].start = -1), 'codings[3].start: expected an integer ≥ 0, got the number -1'],
    ['fractional end', (d) => (d.codings[1].end = 4.5), 'codings[1].end: expected an integer ≥ 0, got the number 4.5'],
    ['end before start', (d) => Object.assign(d.codings[2], { start: 9, end: 3 }), 'codings[2].end: expected end ≥ start (9), got 3'],
    ['exact not a string', (d) => (d.codings[0].exact = null), 'codings[0].exact: expected a string, got null'],
    ['empty code id of a coding', (d) => (d.codings[4].codeId = ''), 'codings[4].codeId: expected a non-empty string'],
    ['duplicate coding id', (d) => (d.codings[4].id = 'k_1'), 'codings[4].id: duplicate id "k_1"'],
    ['bad document format', (d) => (d.documents[0].format = 'rtf'), 'documents[0].format: expected one of md, txt, html, docx, pdf, qdpx, got the string "rtf"'],
    ['bad page offset', (d) => (d.documents[0].pages = [{ page: 1, offset: 'x' }]), 'documents[0].pages[0].offset: expected an integer ≥ 0, got the string "x"'],
    ['case attribute object', (d) => (d.cases[0].attributes.tier = { n: 2 }), 'cases[0].attributes.tier: expected text, a number, true/false or null, got an object'],
    ['code parent number', (d) => (d.codebook[2].parentId = 5), 'codebook[2].parentId: expected a string or null, got the number 5'],
    ['coder flag string', (d) => (d.coders[0].consensus = 'yes'), 'coders[0].consensus: expected true, false or nothing, got the string "yes"'],
    ['attribute type', (d) => (d.attributeDefs[0].type = 'list'), 'attributeDefs[0].type: expected one of text, number, date, boolean, got the string "list"'],
    ['rating evidence', (d) => (d.ratings[0].evidence = ['k_1', 3]), 'ratings[0].evidence[1]: expected a string, got the number 3'],
    ['memo target kind', (d) => (d.memos[0].target = { kind: 'page' }), 'memos[0].target.kind: expected one of document, code, case, project, got the string "page"'],
    ['memo target id missing', (d) => (d.memos[0].target = { kind: 'code' }), 'memos[0].target.id: expected a string, got nothing (missing)'],
    [
      'provenance decision',
      (d) => (d.codings[0].provenance = { decidedBy: 'u', fromCodingIds: [], decision: 'maybe', at: '' }),
      'codings[0].provenance.decision: expected one of accept-a, accept-b, accept-both, edit, reject, got the string "maybe"',
    ],
    ['matrix columns', (d) => (d.matrices[0].columns = 'c_leg'), 'matrices[0].columns: expected an array, got the string "c_leg"'],
  ])('rejects %s with a message naming the field', (_label, mutate, expected) => {
    expect(rejection(mutate)).toBe(expected);
  });

  it('accepts a newer schema version only when asked to (anyVersion)', () => {
    const data = { ...fixtureProject(1), schemaVersion: 4 };
    expect(validateProjectData(data).ok).toBe(false);
    expect(validateProjectData(data, { anyVersion: true }).ok).toBe(true);
  });

  it('names the exact coding and field for any single wrong-typed field (property)', () => {
    const fields = ['id', 'documentId', 'codeId', 'coderId', 'start', 'end', 'exact', 'prefix', 'suffix', 'memo', 'created', 'updated'] as const;
    const numeric = new Set<string>(['start', 'end']);
    const base = fixtureProject(40);
    fc.assert(
      fc.property(fc.nat(39), fc.constantFrom(...fields), fc.constantFrom<unknown>(undefined, null, true, [], {}, -3, 1.5, 'x'), (i, field, bad) => {
        fc.pre(numeric.has(field) || typeof bad !== 'string'); // any string is fine in a string field
        const data = clone(base);
        (data.codings[i] as unknown as Record<string, unknown>)[field] = bad;
        const r = validateProjectData(data);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message.startsWith(`codings[${i}].${field}:`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
