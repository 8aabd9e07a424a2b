import { describe, expect, it } from 'vitest';
import { agreementSentence, buildMatrixExport } from '../../../src/core/export/bundle.js';
import { exportFileName, slug } from '../../../src/core/export/file-name.js';
import { EXPORT_FORMAT_TABLE, EXPORT_FORMATS, exportFormatInfo, isExportFormat, unknownFormatMessage } from '../../../src/core/export/formats.js';
import { latexText } from '../../../src/core/export/latex-text.js';
import { defaultExportCoder, renderMatrixText, TEXT_FORMATS } from '../../../src/core/export/render.js';
import { citedOnce, contrast, HEAT_STOPS, heatColor, heatTextColor, luminance, NA_FILL, noteMark, tableLabel } from '../../../src/core/export/table.js';
import type { EvidenceRef } from '../../../src/core/matrix/evidence.js';
import { adjudicatedProject, STAMP } from './export-fixture.js';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('the format table', () => {
  it('is the one list: ids unique, text formats are exactly the non-binary ones, lookups agree', () => {
    expect(new Set(EXPORT_FORMATS).size).toBe(EXPORT_FORMATS.length);
    expect([...TEXT_FORMATS].sort()).toEqual(
      EXPORT_FORMAT_TABLE.filter((f) => !f.binary)
        .map((f) => f.id)
        .sort(),
    );
    for (const f of EXPORT_FORMATS) expect(exportFormatInfo(f).id).toBe(f);
    expect(isExportFormat('pdf')).toBe(false);
    expect(unknownFormatMessage('pdf')).toBe(`Unknown export format "pdf" (use ${EXPORT_FORMATS.join(', ')})`);
  });
});

describe('the file-name scheme', () => {
  it('is project slug, what, unit, day', () => {
    expect(exportFileName({ project: 'Scorecard diplomacy: Ecuador / supplement', what: 'A6 outcomes', unit: 'Consensus', date: '2026-05-01T10:11:12Z', ext: 'xlsx' })).toBe(
      'scorecard-diplomacy-ecuador-supplement_a6-outcomes_consensus_2026-05-01.xlsx',
    );
    expect(exportFileName({ project: 'Études', what: 'passages', date: '2026-05-01', ext: '.csv' })).toBe('etudes_passages_2026-05-01.csv');
    expect(slug('Straße Kraków 人口')).toBe('strasse-krakow');
    expect(exportFileName({ project: '人口', what: '', date: '2026-05-01', ext: 'md' })).toBe('project_export_2026-05-01.md');
  });
});

describe('table model', () => {
  it('marks notes a … z, aa, ab …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(noteMark)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
    expect(tableLabel('A6 outcomes', 'Consensus')).toBe('tab:a6-outcomes-consensus');
  });

  it('cites overlapping passages of a document once (the longer), others in order', () => {
    const ref = (id: string, doc: string, start: number, end: number): EvidenceRef => ({ codingId: id, documentId: doc, documentTitle: doc, page: null, start, end, quote: id, codeId: 'c', coderId: 'u' });
    expect(citedOnce([ref('s', 'd1', 10, 20), ref('p', 'd1', 10, 80), ref('o', 'd2', 10, 20), ref('later', 'd1', 90, 99)]).map((e) => e.codingId)).toEqual(['p', 'o', 'later']);
  });

  it('carries a numbered caption, label, the scale, agreement with its CI, and lettered notes', () => {
    const x = must(buildMatrixExport(adjudicatedProject(), 'A6 outcomes', { coder: 'consensus', ...STAMP }));
    const t = x.table;
    expect(t).toMatchObject({ number: 1, label: 'tab:a6-outcomes-consensus', title: 'A6 outcomes: consensus ratings' });
    expect(t.generalNotes[0]).toBe('Ratings on an ordinal scale: none < weak < moderate < strong; “not applicable” is outside the scale. Empty cells were not rated.');
    expect(t.agreementNote).toMatch(/^Agreement between Ana and Ben: Krippendorff’s α \(ordinal\) = 0\.663, 95% CI \[−?\d\.\d{3}, \d\.\d{3}\] \(percentile bootstrap, 1,000 resamples of cells\), 7 cells rated by both;/);
    expect(x.agreement?.interval).toMatchObject({ confidence: 0.95, samples: 1000, seed: 1 });
    expect(t.notes.map((n) => n.mark)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(t.rows[0]?.cells.map((c) => c.noteRef)).toEqual(['a', 'b', null]);
    // the same export twice is the same bytes (the interval is seeded)
    expect(renderMatrixText(x, 'json').text).toBe(renderMatrixText(must(buildMatrixExport(adjudicatedProject(), 'A6 outcomes', { coder: 'consensus', ...STAMP })), 'json').text);
  });

  it('undefined agreement says why', () => {
    expect(agreementSentence({ metric: 'alpha', level: 'ordinal', value: null, reason: 'only one value', units: 3, coders: 2 }, ['Ana', 'Ben'])).toBe(
      'Agreement between Ana and Ben: Krippendorff’s α (ordinal) is undefined (only one value).',
    );
  });

  it('tidy holds every coder by default; the consensus counts the passages behind it, and says how many it cites', () => {
    expect(defaultExportCoder('tidy', undefined, false)).toBe('all');
    expect(defaultExportCoder('tidy', 'Ana', false)).toBe('Ana');
    expect(defaultExportCoder('csv', undefined, false)).toBeUndefined();
    const x = must(buildMatrixExport(adjudicatedProject(), 'A6 outcomes', { coder: 'all', ...STAMP }));
    const con = x.tidy.find((r) => r.coder === 'Consensus' && r.case === 'Argentina' && r.column === 'Outcomes/Legislation')!;
    expect(con.evidence.length).toBeGreaterThan(0);
    expect(con.passages).toBeGreaterThan(0);
    const csv = renderMatrixText(x, 'tidy', { bom: true }).text;
    expect(csv.startsWith('\ufeffcase_id,case,code_id,column,coder,rating,rating_label,coded_passages,cited_passages,note,evidence\r\n')).toBe(true);
  });
});

describe('colour: colour-blind safe and legible in greyscale', () => {
  it('the ramp darkens monotonically (greyscale keeps the order) and every step reads with its text colour', () => {
    const steps = [0, 0.25, 0.5, 0.75, 1].map((h) => luminance(heatColor(h)));
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeLessThan(steps[i - 1]!);
    expect(luminance(HEAT_STOPS[0]!) - luminance(HEAT_STOPS.at(-1)!)).toBeGreaterThan(0.6);
    for (let h = 0; h <= 1; h += 0.05) expect(contrast(heatTextColor(h), heatColor(h))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(heatTextColor(null, true), NA_FILL)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('LaTeX text', () => {
  it('escapes the specials, keeps straight quotes straight and accents lossless', () => {
    expect(latexText('& % _ # $ { } ~ ^ \\').tex).toBe('\\& \\% \\_ \\# \\$ \\{ \\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
    expect(latexText('"a" \'b\' “c” ‘d’ – — …').tex).toBe(
      '\\textquotedbl{}a\\textquotedbl{} \\textquotesingle{}b\\textquotesingle{} \\textquotedblleft{}c\\textquotedblright{} \\textquoteleft{}d\\textquoteright{} \\textendash{} \\textemdash{} \\dots{}',
    );
    expect(latexText('café año Ñandú naïve Kraków ß α').tex).toBe("caf\\'{e} a\\~{n}o \\~{N}and\\'{u} na\\\"{\\i}ve Krak\\'{o}w \\ss{} \\ensuremath{\\alpha}");
    expect(latexText('a--b\nc').tex).toBe('a-{}-b c');
  });
  it('writes what the fonts cannot set as code points and reports it (nothing vanishes)', () => {
    const r = latexText('memo 人口 x 😀👍🏽');
    expect(r.tex).toBe('memo [U+4EBA U+53E3] x [U+1F600 U+1F44D U+1F3FD]');
    expect(r.replaced).toEqual(['人口', '😀👍🏽']);
  });
});
