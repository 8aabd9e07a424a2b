import { describe, expect, it } from 'vitest';
import { checkName, updateCode } from '../../../src/core/codebook/edit.js';
import { codePath, findCode } from '../../../src/core/codebook/paths.js';
import { createProject } from '../../../src/core/model/project.js';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { CODE_NAME_SLASH } from '../../../src/core/refi/assemble.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const qdc = (origin: string, codes: string): Uint8Array => new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${origin}"><Codes>${codes}</Codes></CodeBook>`);
const code = (n: number, name: string, inner = ''): string => `<Code guid="00000000-0000-4000-8000-${String(n).padStart(12, '0')}" name="${name}" isCodable="true">${inner}</Code>`;

async function importCodes(origin: string, codes: string) {
  const refi = await readRefiBytes(qdc(origin, codes));
  if (!refi.ok) throw new Error(refi.error.message);
  const applied = applyRefiImport(createProject('x', [], coreEnv), refi.value, { mode: 'new-project' }, coreEnv);
  if (!applied.ok) throw new Error(applied.error.message);
  return { refi: refi.value, data: applied.value.data };
}

describe('imported code names', () => {
  it('replaces "/" (the path separator) with a visible division slash, reports it, and the codebook accepts the names', async () => {
    const { refi, data } = await importCodes('MAXQDA 2022', code(1, 'Pre/post reform', code(2, 'in/out')));
    expect(data.codebook.map((c) => codePath(data.codebook, c.id))).toEqual([`Pre${CODE_NAME_SLASH}post reform`, `Pre${CODE_NAME_SLASH}post reform/in${CODE_NAME_SLASH}out`]);
    expect(refi.report.notes).toEqual([
      `Code "Pre/post reform" contains "/", which separates code paths in Casecoder; it was renamed "Pre${CODE_NAME_SLASH}post reform" (with "${CODE_NAME_SLASH}", a division slash).`,
      `Code "in/out" contains "/", which separates code paths in Casecoder; it was renamed "in${CODE_NAME_SLASH}out" (with "${CODE_NAME_SLASH}", a division slash).`,
    ]);
    const child = data.codebook[1];
    if (!child) throw new Error('no child');
    // The path finds the code again, and the codebook editor accepts the name as it is.
    expect(findCode(data.codebook, `Pre${CODE_NAME_SLASH}post reform/in${CODE_NAME_SLASH}out`)?.id).toBe(child.id);
    expect(checkName(data.codebook, child.name, child.parentId, child.id).ok).toBe(true);
    expect(updateCode(data, child.id, { description: 'edited' }).ok).toBe(true);
  });

  it('rebuilds ATLAS.ti "Group::Code" names into a tree, creating the group when the file has no such code', async () => {
    const { refi, data } = await importCodes('ATLAS.ti 8.4', code(1, 'Drinks::tea') + code(2, 'Drinks::coffee') + code(3, 'milk'));
    expect(data.codebook.map((c) => codePath(data.codebook, c.id)).sort()).toEqual(['Drinks', 'Drinks/coffee', 'Drinks/tea', 'milk']);
    expect(refi.report.notes.filter((n) => n.includes('Group::Code'))).toHaveLength(2);
  });

  it('leaves "::" alone in files from other programs', async () => {
    const { data } = await importCodes('NVivo 14', code(1, 'Drinks::tea'));
    expect(data.codebook.map((c) => c.name)).toEqual(['Drinks::tea']);
  });
});
