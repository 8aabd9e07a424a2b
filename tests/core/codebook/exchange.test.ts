import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/model/result.js';
import { codebookToJson, codebookToMarkdown, importCodebook, parseCodebookJson } from '../../../src/core/codebook/exchange.js';
import { createCode, updateCode } from '../../../src/core/codebook/edit.js';
import { codePaths } from '../../../src/core/codebook/paths.js';
import { createProject } from '../../../src/core/model/project.js';
import { baseProject } from '../matrix/fixture-project.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('codebook export and import', () => {
  it('writes a Markdown appendix with definitions, rules, examples and counts', () => {
    const p = baseProject();
    const md = codebookToMarkdown(p);
    expect(md).toContain('# Codebook: Fixture study');
    expect(md).toContain('## Direct diplomacy');
    expect(md).toContain('### Legislation');
    expect(md).toContain('*Path:* Outcomes/Legislation');
    const legislation = p.codings.filter((g) => g.codeId === 'sd-legislation');
    const docs = new Set(legislation.map((g) => g.documentId)).size;
    expect(md).toContain(`*Coded passages:* ${legislation.length} in ${docs} documents`);
    expect(md).toMatch(/\*\*Definition\.\*\* US officials engage/);
    expect(md).toMatch(/\*\*Exclude\.\*\* Pressure routed/);
    expect(md).toMatch(/\*\*Example\.\*\*\n\n> The ambassador met/);
  });

  it('escapes markup in code names and definitions', () => {
    const p = must(createCode(baseProject(), { name: '<script>x<script> # *bold*', description: '[link](javascript:alert(1))' }, coreEnv)).data;
    const md = codebookToMarkdown(p);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\[link\\](javascript:alert(1))');
  });

  it('round-trips through JSON into an empty project, keeping tree, fields and shortcuts', () => {
    const p = baseProject();
    const json = JSON.parse(JSON.stringify(codebookToJson(p))) as unknown;
    const empty = createProject('Empty', [], coreEnv);
    const r = must(importCodebook(empty, json));
    expect(r.added).toBe(p.codebook.length);
    expect([...codePaths(r.data.codebook).values()].sort()).toEqual([...codePaths(p.codebook).values()].sort());
    const leg = r.data.codebook.find((c) => c.id === 'sd-legislation');
    expect(leg).toMatchObject({ shortcut: p.codebook.find((c) => c.id === 'sd-legislation')?.shortcut, description: p.codebook.find((c) => c.id === 'sd-legislation')?.description });
    expect(r.data.project.codebookVersion).toBe(2);
  });

  it('merges an edited codebook into a project: matched codes update, new ones are added, nothing is deleted', () => {
    const p = baseProject();
    const edited = must(updateCode(p, 'sd-concerns', { description: 'New definition' })).data;
    const withNew = must(createCode(edited, { name: 'Shelters', parentId: 'sd-institution-building' }, coreEnv)).data;
    const json = codebookToJson(withNew);
    const r = must(importCodebook(p, json));
    expect(r.added).toBe(1);
    expect(r.updated).toBe(1);
    expect(r.unchanged).toBe(p.codebook.length - 1);
    expect(r.data.codings).toBe(p.codings);
    expect(r.data.codebook.find((c) => c.id === 'sd-concerns')?.description).toBe('New definition');
    // Importing the same again changes nothing at all.
    expect(must(importCodebook(r.data, json)).data).toBe(r.data);
  });

  it('refuses bad JSON and bad codebooks with specific messages and changes nothing', () => {
    expect(parseCodebookJson('{nope')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const p = baseProject();
    expect(importCodebook(p, { codes: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(importCodebook(p, { codes: [{ id: 'a', name: 'A', color: 'blue' }] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(importCodebook(p, { codes: [{ id: 'a', name: 'A/B', color: '#000000' }] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
