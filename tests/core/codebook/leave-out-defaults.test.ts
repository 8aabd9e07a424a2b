import { describe, expect, it } from 'vitest';
import { leaveOutDefaultCodes, removableDefaultCodes } from '../../../src/core/codebook/leave-out-defaults.js';
import { createProject } from '../../../src/core/model/project.js';
import { createMatrix } from '../../../src/core/matrix/matrix-ops.js';
import type { Code } from '../../../src/core/model/types.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const code = (id: string, name: string, parentId: string | null = null): Code => ({ id, name, parentId, color: '#0072B2', description: '', inclusion: '', exclusion: '', example: '' }) as Code;
const DEFAULTS = ['sd-a', 'sd-b', 'sd-b1'];

describe('leaving the default codes out', () => {
  it('drops untouched default subtrees, keeps a subtree the user added to, and a matrix left with no column', () => {
    let data = createProject('P', [code('sd-a', 'A'), code('sd-b', 'B'), code('sd-b1', 'B1', 'sd-b'), code('sd-c', 'C'), code('mine', 'Mine', 'sd-c')], coreEnv);
    const m = createMatrix(data, { id: 'mx', name: 'M', columns: ['sd-b1'] }, coreEnv);
    if (!m.ok) throw new Error(m.error.message);
    data = m.value.data;
    expect(removableDefaultCodes(data, [...DEFAULTS, 'sd-c'])).toEqual(['sd-a', 'sd-b', 'sd-b1']);
    const next = leaveOutDefaultCodes(data, [...DEFAULTS, 'sd-c']);
    expect(next.codebook.map((c) => c.id)).toEqual(['sd-c', 'mine']);
    expect(next.matrices).toEqual([]);
  });
  it('drops nothing once anything is coded', () => {
    const data = createProject('P', [code('sd-a', 'A')], coreEnv);
    data.codings = [{ id: 'g', documentId: 'd', codeId: 'sd-a', coderId: 'u', start: 0, end: 1, exact: 'x', prefix: '', suffix: '', memo: '', created: '', updated: '' }];
    expect(removableDefaultCodes(data, DEFAULTS)).toEqual([]);
    expect(leaveOutDefaultCodes(data, DEFAULTS)).toBe(data);
  });
});
