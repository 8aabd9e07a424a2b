import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src/core/model/project.js';
import { addDocument } from '../../../src/core/documents/add-document.js';
import { renameDocument } from '../../../src/core/documents/rename-document.js';
import { faithfulTextToDoc } from '../../../src/core/document/plain-text.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function project() {
  const added = addDocument(createProject('t', [], coreEnv), { title: '001_f1f3b25bdee2a5e2', format: 'txt', doc: faithfulTextToDoc('Some text.'), sourceFile: '001.txt' }, coreEnv);
  if (!added.ok || !added.value.meta) throw new Error('setup');
  return { data: added.value.data, id: added.value.meta.id };
}

describe('renameDocument', () => {
  it('changes only the title, trimmed', () => {
    const { data, id } = project();
    const r = renameDocument(data, id, '  IOM final report, Ecuador  ');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.document.title).toBe('IOM final report, Ecuador');
    const { title: _a, ...before } = data.documents[0]!;
    const { title: _b, ...after } = r.value.data.documents[0]!;
    expect(after).toEqual(before);
  });

  it('refuses empty, overlong and unknown', () => {
    const { data, id } = project();
    expect(renameDocument(data, id, '   ').ok).toBe(false);
    expect(renameDocument(data, id, 'x'.repeat(301)).ok).toBe(false);
    const r = renameDocument(data, 'd_nope', 'x');
    expect(r.ok ? null : r.error.code).toBe('not-found');
  });

  it('returns the same project when the title is unchanged', () => {
    const { data, id } = project();
    const r = renameDocument(data, id, '001_f1f3b25bdee2a5e2');
    expect(r.ok && r.value.data).toBe(data);
  });
});
