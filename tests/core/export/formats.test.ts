import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildMatrixExport, resolveExportCoder } from '../../../src/core/export/bundle.js';
import { csvField, escapeHtml, escapeMarkdown, toCsv } from '../../../src/core/export/escape.js';
import { latexText } from '../../../src/core/export/latex-text.js';
import { codebookHash } from '../../../src/core/export/manifest.js';
import { renderMatrixText } from '../../../src/core/export/render.js';
import { TIDY_RATING_COLUMNS } from '../../../src/core/export/csv.js';
import { heatColor } from '../../../src/core/export/table.js';
import { wrapLabel } from '../../../src/core/export/svg.js';
import { baseProject, ratedProject } from '../matrix/fixture-project.js';
import { adjudicatedProject, STAMP } from './export-fixture.js';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('escaping', () => {
  it('CSV quotes separators and defuses formulas but keeps numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['b\nc', null],
      ]),
    ).toBe('a,1\r\n"b\nc",\r\n');
  });
  it('LaTeX makes all special characters literal', () => {
    expect(latexText('50% & $2 #1 a_b {x} ~ ^ \\ <>|').tex).toBe('50\\% \\& \\$2 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{}\\textgreater{}\\textbar{}');
  });
  it('HTML and Markdown neutralise markup', () => {
    expect(escapeHtml('<script>"x" & \'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    expect(escapeMarkdown('a|b *c* <d>\nnext')).toBe('a\\|b \\*c\\* \\<d\\> next');
  });
});

describe('format structure', () => {
  const data = adjudicatedProject();
  const consensus = must(buildMatrixExport(data, 'A6 outcomes', { coder: 'consensus', ...STAMP }));

  it('LaTeX has a booktabs tabular with one row per case', () => {
    const tex = renderMatrixText(consensus, 'tex').text;
    const body = tex.slice(tex.indexOf('\\midrule') + '\\midrule'.length, tex.indexOf('\\bottomrule'));
    const rows = body.split('\n').filter((l) => l.trim().endsWith('\\\\'));
    expect(tex).toMatch(/\\begin\{tabular\}\{@\{\}>\{\\raggedright\\arraybackslash\}p\{[\d.]+\\linewidth\}\*\{3\}\{>\{\\centering\\arraybackslash\}p\{[\d.]+\\linewidth\}\}@\{\}\}\n\\toprule/);
    expect(tex).toContain('\\label{tab:a6-outcomes-consensus}');
    expect(rows.map((r) => r.split(' & ')[0])).toEqual(['Argentina', 'Armenia', 'Chad']);
    expect(rows.every((r) => r.split(' & ').length === 4)).toBe(true);
  });

  it('tidy CSV parses with papaparse into one row per case × column × coder', () => {
    const all = must(buildMatrixExport(data, 'A6 outcomes', { coder: 'all', ...STAMP }));
    const parsed = Papa.parse<Record<string, string>>(renderMatrixText(all, 'tidy').text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...TIDY_RATING_COLUMNS]);
    expect(parsed.data).toHaveLength(3 * 3 * 3);
    const keys = new Set(parsed.data.map((r) => `${r.case}|${r.column}|${r.coder}`));
    expect(keys.size).toBe(27);
    const benArg = parsed.data.find((r) => r.case === 'Argentina' && r.coder === 'Ben' && r.column === 'Outcomes/Institution building');
    expect(benArg).toMatchObject({ rating: '3', rating_label: 'strong' });
    const na = parsed.data.find((r) => r.case === 'Chad' && r.coder === 'Ana' && r.column === 'Outcomes/Institution building');
    expect(na).toMatchObject({ rating: '', rating_label: 'not applicable' });
    const withPage = parsed.data.find((r) => r.case === 'Argentina' && r.coder === 'Ana' && r.column === 'Outcomes/Legislation');
    expect(withPage?.evidence).toMatch(/^Argentina case study, p\. 11: “Congress passed/);
  });

  it('HTML is self-contained and holds no unescaped user markup', () => {
    const html = renderMatrixText(consensus, 'html').text;
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).not.toContain('<mattered>');
    expect(html).toContain('&lt;mattered&gt;');
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(3);
  });

  it('SVG is well-formed XML with the manifest in metadata', async () => {
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    const svg = renderMatrixText(consensus, 'svg').text;
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg: { metadata: string } };
    const manifest = JSON.parse(doc.svg.metadata.replace(/&quot;/g, '"')) as { matrix: { name: string } };
    expect(manifest.matrix.name).toBe('A6 outcomes');
  });

  it('JSON round-trips and includes ratings and disagreements', () => {
    const j = JSON.parse(renderMatrixText(consensus, 'json').text) as { rows: { label: string }[]; ratings: unknown[]; disagreements: unknown[]; manifest: { codebook: { sha256: string } } };
    expect(j.rows.map((r) => r.label)).toEqual(['Argentina', 'Armenia', 'Chad']);
    expect(j.ratings).toHaveLength(9);
    expect(j.disagreements).toHaveLength(4);
    expect(j.manifest.codebook.sha256).toBe(codebookHash(data.codebook));
  });
});

describe('export options and manifest', () => {
  it('the codebook hash ignores storage order but sees every edit', () => {
    const cb = baseProject().codebook;
    expect(codebookHash([...cb].reverse())).toBe(codebookHash(cb));
    expect(codebookHash(cb.map((c, i) => (i === 0 ? { ...c, description: c.description + '.' } : c)))).not.toBe(codebookHash(cb));
  });

  it('chooses a default coder or explains why it cannot', () => {
    expect(must(resolveExportCoder(adjudicatedProject(), 'mx-a6-outcomes', undefined, false))).toBe('u-con');
    const r = resolveExportCoder(ratedProject(), 'mx-a6-outcomes', undefined, false);
    expect(!r.ok && r.error.message).toMatch(/Several coders rated this matrix \(Ana, Ben\)/);
    expect(must(resolveExportCoder(ratedProject(), 'mx-a6-outcomes', undefined, true))).toBe('all');
    expect(must(resolveExportCoder(ratedProject(), 'mx-a6-outcomes', 'ben', false))).toBe('u-ben');
    expect(resolveExportCoder(ratedProject(), 'mx-a6-outcomes', 'zed', false).ok).toBe(false);
    expect(resolveExportCoder(baseProject(), 'mx-a6-outcomes', undefined, false).ok).toBe(false);
  });

  it('rejects an unknown matrix', () => {
    const r = buildMatrixExport(ratedProject(), 'Nope', { coder: 'Ana', ...STAMP });
    expect(!r.ok && r.error.code).toBe('not-found');
  });

  it('colours: white for no value, grey for muted, darker for more heat', () => {
    expect(heatColor(null)).toBe('#ffffff');
    expect(heatColor(0.5, true)).toBe('#e4e4e4');
    const lum = (hex: string): number => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    expect(lum(heatColor(0))).toBeGreaterThan(lum(heatColor(0.5)));
    expect(lum(heatColor(0.5))).toBeGreaterThan(lum(heatColor(1)));
  });

  it('wraps labels at spaces and after slashes', () => {
    expect(wrapLabel('Outcomes/Institution building', 12)).toEqual(['Outcomes/', 'Institution', 'building']);
    expect(wrapLabel('Norms and practices', 14)).toEqual(['Norms and', 'practices']);
  });
});
