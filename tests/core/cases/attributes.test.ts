import { describe, expect, it } from 'vitest';
import { createProject } from '../../../src/core/model/project.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { ensureCases } from '../../../src/core/cases/cases.js';
import { removeAttribute, renameAttribute, setCaseAttributes } from '../../../src/core/cases/attributes.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function unwrapOk<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function withCases(): { data: ProjectData; chad: string; oman: string } {
  const r = unwrapOk(ensureCases(createProject('t', [], coreEnv), ['Chad', 'Oman'], coreEnv));
  const [chad, oman] = r.cases.map((c) => c.id) as [string, string];
  return { data: r.data, chad, oman };
}

describe('editing attributes', () => {
  it('setCaseAttributes declares unknown keys with the type their value suggests', () => {
    const { data, chad } = withCases();
    const d = unwrapOk(setCaseAttributes(data, chad, { tier: '2', signed: 'no', since: '2001-12-31', note: 'x', native: 3.5, flag: true, empty: null }));
    expect(d.attributeDefs).toEqual([
      { name: 'tier', type: 'number' },
      { name: 'signed', type: 'boolean' },
      { name: 'since', type: 'date' },
      { name: 'note', type: 'text' },
      { name: 'native', type: 'number' },
      { name: 'flag', type: 'boolean' },
      { name: 'empty', type: 'text' },
    ]);
    expect(d.cases[0]?.attributes).toEqual({ tier: 2, signed: false, since: '2001-12-31', note: 'x', native: 3.5, flag: true, empty: null });
    expect(data.attributeDefs).toEqual([]);
  });

  it('setCaseAttributes is all-or-nothing: one bad value leaves the project untouched', () => {
    const { data, chad, oman } = withCases();
    const d = unwrapOk(setCaseAttributes(data, chad, { tier: '2' }));
    const r = setCaseAttributes(d, oman, { note: 'fine', tier: 'three' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('tier: "three" is not a number.');
    expect(setCaseAttributes(d, 'k_missing', { tier: '1' }).ok).toBe(false);
  });

  it('renameAttribute moves every value and keeps names unique', () => {
    const { data, chad, oman } = withCases();
    let d = unwrapOk(setCaseAttributes(data, chad, { tier: '2', region: 'Sahel' }));
    d = unwrapOk(setCaseAttributes(d, oman, { tier: '1' }));
    const r = unwrapOk(renameAttribute(d, 'TIER', 'Tier 2008'));
    expect(r.def).toEqual({ name: 'Tier 2008', type: 'number' });
    expect(r.data.cases.map((c) => c.attributes)).toEqual([{ region: 'Sahel', 'Tier 2008': 2 }, { 'Tier 2008': 1 }]);
    const clash = renameAttribute(d, 'tier', 'Region');
    expect(clash.ok ? null : clash.error.code).toBe('conflict');
    expect(renameAttribute(d, 'nope', 'x').ok).toBe(false);
    expect(renameAttribute(d, 'tier', '  ').ok).toBe(false);
  });

  it('removeAttribute drops the declaration and every value, counting the values cleared', () => {
    const { data, chad, oman } = withCases();
    let d = unwrapOk(setCaseAttributes(data, chad, { tier: '2' }));
    d = unwrapOk(setCaseAttributes(d, oman, { tier: '' }));
    const r = unwrapOk(removeAttribute(d, 'Tier'));
    expect(r.clearedValues).toBe(1);
    expect(r.data.attributeDefs).toEqual([]);
    expect(r.data.cases.map((c) => c.attributes)).toEqual([{}, {}]);
    expect(removeAttribute(r.data, 'tier').ok).toBe(false);
  });
});
