import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMatrixExport } from '../../../src/core/export/bundle.js';
import { codeCaseExportTable, coOccurrenceExport, renderMatrixText, renderTableText, type TextExport, type TextFormat } from '../../../src/core/export/render.js';
import { TEXTS } from '../matrix/fixture-project.js';
import { adjudicatedProject, STAMP } from './export-fixture.js';

/**
 * Golden-file tests: every text format of the fixture project is compared byte for byte with the
 * files in tests/fixtures/export. Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change
 * (and read the diff before committing).
 */
const DIR = new URL('../../fixtures/export/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: string): void {
  const url = new URL(name, DIR);
  if (update || !existsSync(url)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(url, actual);
    if (!update) throw new Error(`golden file ${name} was missing and has been written; re-run`);
  }
  expect(actual).toBe(readFileSync(url, 'utf8'));
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const data = adjudicatedProject();
const consensus = must(buildMatrixExport(data, 'A6 outcomes', { coder: 'consensus', ...STAMP }));
const everyone = must(buildMatrixExport(data, 'A6 outcomes', { coder: 'all', ...STAMP }));
const counts = must(buildMatrixExport(data, 'A6 outcomes', { counts: true, ...STAMP }));

describe('golden exports of the A6 matrix (consensus)', () => {
  const formats: [TextFormat, string][] = [
    ['csv', 'a6-consensus.csv'],
    ['md', 'a6-consensus.md'],
    ['tex', 'a6-consensus.tex'],
    ['html', 'a6-consensus.html'],
    ['svg', 'a6-consensus.svg'],
    ['json', 'a6-consensus.json'],
  ];
  it.each(formats)('%s matches %s', (format, file) => {
    golden(file, renderMatrixText(consensus, format).text);
  });

  it('CSV carries its manifest as a JSON sidecar', () => {
    const out: TextExport = renderMatrixText(consensus, 'csv');
    expect(out.sidecar?.suffix).toBe('.manifest.json');
    golden('a6-consensus.manifest.json', out.sidecar?.text ?? '');
  });

  it('tidy CSV over every coder matches a6-tidy.csv', () => {
    golden('a6-tidy.csv', renderMatrixText(everyone, 'tidy').text);
  });
});

describe('golden exports of counts and co-occurrence', () => {
  it('A6 counts as CSV and Markdown', () => {
    golden('a6-counts.csv', renderMatrixText(counts, 'csv').text);
    golden('a6-counts.md', renderMatrixText(counts, 'md').text);
    golden('a6-counts-tidy.csv', renderMatrixText(counts, 'tidy').text);
  });

  it('code-by-case counts as CSV and LaTeX', () => {
    const t = must(codeCaseExportTable(data, STAMP));
    golden('code-case.csv', renderTableText(t, 'csv').text);
    golden('code-case.tex', renderTableText(t, 'tex').text);
  });

  it('paragraph co-occurrence as HTML and SVG', () => {
    const t = must(coOccurrenceExport(data, { ...STAMP, rule: 'paragraph', texts: new Map(Object.entries(TEXTS)) }));
    golden('co-occurrence.html', renderTableText(t, 'html').text);
    golden('co-occurrence.svg', renderTableText(t, 'svg').text);
  });
});
