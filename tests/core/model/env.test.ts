import { describe, expect, it } from 'vitest';
import { fixedEnv, type CoreEnv } from '../../../src/core/model/ids.js';
import { createProject, ensureCoder } from '../../../src/core/model/project.js';
import { createCode } from '../../../src/core/codebook/edit.js';
import { addDocument } from '../../../src/core/documents/add-document.js';
import { addCoding } from '../../../src/core/codings/commands.js';
import { setMemo } from '../../../src/core/memos/memos.js';
import { ensureCases } from '../../../src/core/cases/cases.js';
import { createMatrix } from '../../../src/core/matrix/matrix-ops.js';
import { setRating } from '../../../src/core/matrix/ratings.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import type { Result } from '../../../src/core/model/result.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const TEXT = 'The embassy raised the tier rating with the minister.';

/** A project built by every reducer that makes an id or reads the clock. */
function build(env: CoreEnv): ProjectData {
  let data = createProject('Env', [], env);
  const ana = ensureCoder(data, 'Ana', env);
  data = ana.data;
  const code = must(createCode(data, { name: 'Outcome' }, env));
  data = code.data;
  const doc = must(addDocument(data, { title: 'Cable', format: 'txt', sourceFile: 'cable.txt', caseName: 'Argentina', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] } }, env));
  data = doc.data;
  const documentId = doc.meta!.id;
  const coding = must(addCoding(data, TEXT, { documentId, codeId: code.code.id, coderId: ana.coder.id, start: 4, end: 11 }, env));
  data = coding.data;
  data = must(setMemo(data, { kind: 'code', id: code.code.id }, ana.coder.id, 'Raised twice.', env)).data;
  data = must(ensureCases(data, ['Armenia'], env)).data;
  const matrix = must(createMatrix(data, { name: 'Outcomes', columns: [code.code.id] }, env));
  data = matrix.data;
  data = must(setRating(data, { matrixId: matrix.matrix.id, caseId: data.cases[0]!.id, codeId: code.code.id, coderId: ana.coder.id, value: 'weak', evidence: [coding.coding.id] }, env)).data;
  return data;
}

describe('core takes its ids and time from the caller', () => {
  it('gives identical projects for two runs with the same fixed env', () => {
    const a = build(fixedEnv());
    const b = build(fixedEnv());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.project.created).toBe('2026-01-01T00:00:00.000Z');
    expect(a.codings[0]!.id).toMatch(/^g_\d{6}$/);
  });

  it('uses nothing else: another start time changes every timestamp and no id', () => {
    const a = build(fixedEnv('2026-01-01T00:00:00.000Z'));
    const b = build(fixedEnv('2030-06-01T12:00:00.000Z'));
    expect(b.codings.map((c) => c.id)).toEqual(a.codings.map((c) => c.id));
    expect(b.project.id).toBe(a.project.id);
    expect(b.project.created).toBe('2030-06-01T12:00:00.000Z');
    expect(b.codings[0]!.created).not.toBe(a.codings[0]!.created);
  });
});
