/**
 * Reading and writing reliability data (units × coders) for `casecoder agreement --data FILE`
 * and for R/Python reproduction.
 *
 * CSV: a header `unit,<coder1>,<coder2>,…`, then one row per unit; an empty cell is a missing value.
 * A second column named `weight` (positive whole numbers) makes each row stand for that many
 * identical units (runs of characters). Lines starting with `#` before the header are comments.
 * RFC 4180 quoting, CRLF or LF line ends and a UTF-8 BOM are accepted; blank lines are skipped.
 * Typing of CSV cells: at the interval and ratio levels every non-empty cell must be a number; at
 * the ordinal level cells become numbers when ALL non-empty cells are numeric (otherwise they stay
 * strings, and ordinal alpha then needs a declared category order); at the nominal level (and for
 * the nominal coefficients) cells stay strings, so "01" and "1" are different categories.
 * JSON: `{"coders":[…],"units":[[…],…]}` with `null` for missing values; an optional `unitIds`
 * array. JSON numbers stay numbers and strings stay strings, except that numeric strings become
 * numbers at the interval/ratio levels.
 */
import { err, ok, type Result } from '../model/result.js';
import { csvField, guardFormula } from '../export/escape.js';
import type { Level, Value, WeightedReliabilityData, ReliabilityData } from './types.js';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parse RFC 4180 CSV into rows of cells. Returns an error for an unterminated quote. */
export function parseCsv(text: string): Result<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += ch;
  }
  if (quoted) return err('invalid', `CSV: unterminated quoted cell (line ${line})`);
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return ok(rows.filter((r) => !(r.length === 1 && r[0] === '')));
}

function typeCells(units: (string | null)[][], level: Level, where: (u: number, c: number) => string): Result<(Value | null)[][]> {
  const numeric = level === 'interval' || level === 'ratio';
  if (level === 'nominal') return ok(units);
  const allNumeric = units.every((row) => row.every((v) => v === null || NUMBER.test(v.trim())));
  if (!allNumeric) {
    if (!numeric) return ok(units);
    for (let u = 0; u < units.length; u++) {
      const row = units[u] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== null && v !== undefined && !NUMBER.test(v.trim())) return err('invalid', `${where(u, c)}: "${v}" is not a number (level ${level})`);
      }
    }
  }
  return ok(units.map((row) => row.map((v) => (v === null ? null : Number(v.trim())))));
}

/** Parse the CSV form (see module doc) at a level. */
export function parseReliabilityCsv(text: string, level: Level = 'nominal'): Result<WeightedReliabilityData> {
  const comments = /^(\uFEFF)?((#[^\n]*)?\r?\n)*/.exec(text)?.[0] ?? '';
  const parsed = parseCsv(text.slice(comments.length));
  if (!parsed.ok) return parsed;
  const lineOffset = comments.split('\n').length - 1;
  const [header, ...body] = parsed.value;
  if (!header) return err('invalid', 'CSV: the file is empty; expected a header unit,<coder1>,<coder2>,…');
  if ((header[0] ?? '').trim().toLowerCase() !== 'unit') return err('invalid', `CSV: the first header cell must be "unit", got "${header[0] ?? ''}"`);
  const weighted = (header[1] ?? '').trim().toLowerCase() === 'weight';
  const first = weighted ? 2 : 1;
  const coders = header.slice(first).map((h) => h.trim());
  if (coders.length === 0) return err('invalid', 'CSV: the header names no coder columns');
  const blank = coders.findIndex((c) => c === '');
  if (blank >= 0) return err('invalid', `CSV: header column ${blank + first + 1} has no coder name`);
  const dup = coders.find((c, i) => coders.indexOf(c) !== i);
  if (dup !== undefined) return err('invalid', `CSV: coder "${dup}" appears twice in the header`);
  const unitIds: string[] = [];
  const units: (string | null)[][] = [];
  const weights: number[] = [];
  for (let r = 0; r < body.length; r++) {
    const row = body[r] ?? [];
    const line = r + 2 + lineOffset;
    if (row.length !== header.length) return err('invalid', `CSV: row ${line} has ${row.length} cells, the header has ${header.length}`);
    unitIds.push(row[0] ?? '');
    if (weighted) {
      const w = (row[1] ?? '').trim();
      if (!/^[1-9]\d*$/.test(w) || !Number.isSafeInteger(Number(w))) return err('invalid', `CSV: row ${line}: the weight must be a positive whole number, got "${row[1] ?? ''}"`);
      weights.push(Number(w));
    }
    units.push(row.slice(first).map((v) => (v.trim() === '' ? null : v)));
  }
  if (units.length === 0) return err('invalid', 'CSV: no unit rows after the header');
  const typed = typeCells(units, level, (u, c) => `CSV row ${u + 2 + lineOffset}, coder "${coders[c] ?? ''}"`);
  if (!typed.ok) return typed;
  return ok(weighted ? { coders, units: typed.value, unitIds, weights } : { coders, units: typed.value, unitIds });
}

/** Parse the JSON form (see module doc) at a level. */
export function parseReliabilityJson(text: string, level: Level = 'nominal'): Result<ReliabilityData> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err('invalid', `JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return err('invalid', 'JSON: expected an object {"coders":[…],"units":[[…],…]}');
  const { coders, units, unitIds } = doc as Record<string, unknown>;
  if (!Array.isArray(coders) || coders.length === 0 || !coders.every((c) => typeof c === 'string' && c.trim() !== '')) return err('invalid', 'JSON: "coders" must be a non-empty array of coder names');
  if (new Set(coders).size !== coders.length) return err('invalid', 'JSON: a coder name appears twice in "coders"');
  if (!Array.isArray(units) || units.length === 0) return err('invalid', 'JSON: "units" must be a non-empty array of rows');
  if (unitIds !== undefined && (!Array.isArray(unitIds) || unitIds.length !== units.length || !unitIds.every((x) => typeof x === 'string'))) return err('invalid', 'JSON: "unitIds" must be strings, one per unit');
  const numeric = level === 'interval' || level === 'ratio';
  const out: (Value | null)[][] = [];
  for (let u = 0; u < units.length; u++) {
    const row: unknown = units[u];
    if (!Array.isArray(row) || row.length !== coders.length) return err('invalid', `JSON: unit ${u + 1} must be an array of ${coders.length} values (one per coder)`);
    const vals: (Value | null)[] = [];
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      const where = `JSON unit ${u + 1}, coder "${String(coders[c])}"`;
      if (v === null) vals.push(null);
      else if (typeof v === 'number') {
        if (!Number.isFinite(v)) return err('invalid', `${where}: ${v} is not a finite number`);
        vals.push(v);
      } else if (typeof v === 'string') {
        if (numeric) {
          if (!NUMBER.test(v.trim())) return err('invalid', `${where}: "${v}" is not a number (level ${level})`);
          vals.push(Number(v.trim()));
        } else vals.push(v);
      } else return err('invalid', `${where}: values must be strings, numbers or null`);
    }
    out.push(vals);
  }
  return ok(unitIds ? { coders: coders as string[], units: out, unitIds: unitIds as string[] } : { coders: coders as string[], units: out });
}

/** Parse `--data` content: JSON when it starts with `{` (after whitespace), CSV otherwise. */
export function parseReliabilityData(text: string, level: Level = 'nominal', format: 'csv' | 'json' | 'auto' = 'auto'): Result<ReliabilityData> {
  const f = format === 'auto' ? (/^\s*\{/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'csv') : format;
  return f === 'json' ? parseReliabilityJson(text.replace(/^\uFEFF/, ''), level) : parseReliabilityCsv(text, level);
}

/** A cell: numbers as they are, text through the formula guard, quoted when it needs to be (or has edge spaces). */
function csvCell(v: string | number | null): string {
  if (v === null || typeof v === 'number') return csvField(v);
  const s = guardFormula(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** How to read a weighted reliability CSV, written as its leading comment lines. */
export const WEIGHTED_CSV_NOTE = [
  '# Casecoder reliability data. Each row is a run of identical units (e.g. consecutive characters);',
  '# "weight" is how many units it stands for. Expand the runs before computing, e.g. in R:',
  '#   d <- read.csv("this-file.csv", comment.char = "#", check.names = FALSE)',
  '#   units <- d[rep(seq_len(nrow(d)), d$weight), -(1:2)]',
  '#   irr::kappa2(units); irrCAC::gwet.ac1.raw(units); irr::kripp.alpha(t(as.matrix(units)))',
  '# In Python: pandas.read_csv(path, comment="#"), then df.loc[df.index.repeat(df.weight)].',
];

/** The header row: `unit`, then `weight` when rows are weighted, then one column per coder name. */
function reliabilityCsvHeader(coders: readonly string[], weighted: boolean): string {
  return ['unit', ...(weighted ? ['weight'] : []), ...coders].map(csvCell).join(',');
}

/**
 * Reliability data as CSV in the `--data` format, so R (e.g. `irr`, `irrCAC`) or Python (NLTK,
 * `krippendorff`) can reproduce a figure. Weighted rows (runs of identical units, e.g. characters)
 * are written once with a `weight` column and a leading comment saying how to expand them
 * ({@link WEIGHTED_CSV_NOTE}); unweighted data keep the plain `unit,<coders>` form. Row ids are
 * the unit ids (for character runs `D:C:S` is the run starting at offset S). Missing values are
 * empty cells. Numbers are written with JavaScript's shortest round-trip form.
 */
export function reliabilityCsv(data: WeightedReliabilityData): string {
  const weighted = data.weights?.some((w) => w !== 1) ?? false;
  const lines = weighted ? [...WEIGHTED_CSV_NOTE, reliabilityCsvHeader(data.coders, true)] : [reliabilityCsvHeader(data.coders, false)];
  data.units.forEach((row, u) => {
    const id = csvCell(data.unitIds?.[u] ?? String(u + 1));
    const cells = row.map((v) => csvCell(v)).join(','); // text through the formula guard, numbers as numbers
    lines.push(weighted ? `${id},${data.weights?.[u] ?? 1},${cells}` : `${id},${cells}`);
  });
  return lines.join('\n') + '\n';
}
