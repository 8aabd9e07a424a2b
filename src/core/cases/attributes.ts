import type { AttributeDef, AttributeType, AttributeValue, Id, ProjectData } from '../model/types.js';
import type { Result } from '../model/result.js';
import { err, ok } from '../model/result.js';
import { findCase } from './cases.js';

/**
 * Typed case attributes. A project declares each attribute once (`attributeDefs`: name + type);
 * case values must fit the type: text, finite number, ISO date (`YYYY-MM-DD`, a real calendar
 * day) or boolean. `null` (or an empty cell) clears a value.
 */

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/**
 * Convert raw input (a cell, a CLI `KEY=VALUE`, a UI field) to a value of `type`, or explain why
 * it does not fit. Empty strings and null become null. Numbers accept `1,234.5` thousands commas.
 */
export function parseAttributeValue(type: AttributeType, raw: string | number | boolean | null): Result<AttributeValue> {
  if (raw === null) return ok(null);
  const s = typeof raw === 'string' ? raw.trim() : raw;
  if (s === '') return ok(null);
  switch (type) {
    case 'text':
      return ok(String(s));
    case 'number': {
      const n = typeof s === 'number' ? s : typeof s === 'string' && /^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s.replace(/,/g, '')) : NaN;
      return Number.isFinite(n) ? ok(n) : err('invalid', `"${String(raw)}" is not a number.`);
    }
    case 'date':
      return typeof s === 'string' && isIsoDate(s) ? ok(s) : err('invalid', `"${String(raw)}" is not a date (use YYYY-MM-DD).`);
    case 'boolean': {
      if (typeof s === 'boolean') return ok(s);
      const k = String(s).toLowerCase();
      if (TRUE.has(k)) return ok(true);
      if (FALSE.has(k)) return ok(false);
      return err('invalid', `"${String(raw)}" is not yes/no (true/false).`);
    }
  }
}

/** Guess a type for a column of raw values: all numbers → number, all dates → date, all yes/no → boolean, else text. */
export function inferAttributeType(values: readonly string[]): AttributeType {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (filled.length === 0) return 'text';
  for (const t of ['number', 'date', 'boolean'] as const) if (filled.every((v) => parseAttributeValue(t, v).ok)) return t;
  return 'text';
}

/** Declare an attribute (or change its type when every existing value converts). */
export function defineAttribute(data: ProjectData, name: string, type: AttributeType): Result<ProjectData> {
  const clean = name.trim();
  if (!clean || clean.length > 100) return err('invalid', 'An attribute needs a name of 1–100 characters.');
  const existing = data.attributeDefs.find((a) => a.name.toLowerCase() === clean.toLowerCase());
  const key = existing?.name ?? clean;
  const cases = [];
  for (const c of data.cases) {
    const v = Object.hasOwn(c.attributes, key) ? c.attributes[key] : undefined;
    if (v === undefined || v === null) {
      cases.push(c);
      continue;
    }
    const conv = parseAttributeValue(type, typeof v === 'boolean' || typeof v === 'number' ? v : String(v));
    if (!conv.ok) return err('invalid', `Cannot make "${key}" a ${type}: case "${c.name}" has ${conv.error.message}`);
    cases.push({ ...c, attributes: { ...c.attributes, [key]: conv.value } });
  }
  const defs: AttributeDef[] = existing ? data.attributeDefs.map((a) => (a === existing ? { name: key, type } : a)) : [...data.attributeDefs, { name: key, type }];
  return ok({ ...data, attributeDefs: defs, cases });
}

/** Set one attribute of one case; the attribute must be declared, the value must fit its type. */
export function setCaseAttribute(data: ProjectData, caseId: Id, name: string, raw: string | number | boolean | null): Result<ProjectData> {
  const def = data.attributeDefs.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  if (!def) return err('not-found', `No attribute named "${name}"; define it first.`);
  const target = data.cases.find((c) => c.id === caseId);
  if (!target) return err('not-found', `No case with id ${caseId}.`);
  const value = parseAttributeValue(def.type, raw);
  if (!value.ok) return err('invalid', `${def.name}: ${value.error.message}`);
  return ok({ ...data, cases: data.cases.map((c) => (c.id === caseId ? { ...c, attributes: { ...c.attributes, [def.name]: value.value } } : c)) });
}

/** One row of an attribute table: the case name and raw values by column name. */
export interface AttributeRow {
  caseName: string;
  values: Record<string, string>;
}

/** Outcome of applying an attribute table. */
export interface AttributeTableReport {
  updatedCases: number;
  /** Rows whose case name matches no case (1-based row numbers with the name). */
  unmatched: { row: number; caseName: string }[];
  /** Cells whose value does not fit the column's type; those cells are skipped. */
  invalid: { row: number; column: string; message: string }[];
  /** Columns declared by this import, with their inferred types. */
  newAttributes: AttributeDef[];
}

/**
 * Apply a CSV/XLSX-style table of attributes keyed by case name (case-insensitive). Columns not
 * yet declared are declared with an inferred type; cells that do not fit are reported and
 * skipped; rows naming no case are reported (never create cases silently). All-or-nothing:
 * the result is one new project value.
 */
export function applyAttributeTable(data: ProjectData, rows: readonly AttributeRow[]): Result<{ data: ProjectData; report: AttributeTableReport }> {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values)))].filter((c) => c.trim());
  let d = data;
  const newAttributes: AttributeDef[] = [];
  for (const col of columns) {
    if (d.attributeDefs.some((a) => a.name.toLowerCase() === col.trim().toLowerCase())) continue;
    const type = inferAttributeType(rows.map((r) => (Object.hasOwn(r.values, col) ? (r.values[col] ?? '') : '')));
    const def = defineAttribute(d, col, type);
    if (!def.ok) return def;
    d = def.value;
    newAttributes.push({ name: col.trim(), type });
  }
  const report: AttributeTableReport = { updatedCases: 0, unmatched: [], invalid: [], newAttributes };
  rows.forEach((row, i) => {
    const c = row.caseName.trim() ? findCase(d, row.caseName) : undefined;
    if (!c) {
      report.unmatched.push({ row: i + 1, caseName: row.caseName });
      return;
    }
    let changed = false;
    for (const col of columns) {
      if (!Object.hasOwn(row.values, col)) continue;
      const r = setCaseAttribute(d, c.id, col, row.values[col] ?? '');
      if (r.ok) {
        d = r.value;
        changed = true;
      } else report.invalid.push({ row: i + 1, column: col, message: r.error.message });
    }
    if (changed) report.updatedCases++;
  });
  return ok({ data: d, report });
}

/** Rename a declared attribute; every case's value moves to the new name. Names stay unique (case-insensitive). */
export function renameAttribute(data: ProjectData, name: string, newName: string): Result<{ data: ProjectData; def: AttributeDef }> {
  const def = data.attributeDefs.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  if (!def) return err('not-found', `No attribute named "${name}".`);
  const clean = newName.trim();
  if (!clean || clean.length > 100) return err('invalid', 'An attribute needs a name of 1–100 characters.');
  if (data.attributeDefs.some((a) => a !== def && a.name.toLowerCase() === clean.toLowerCase())) return err('conflict', `An attribute named "${clean}" already exists.`);
  const renamed: AttributeDef = { name: clean, type: def.type };
  const cases = data.cases.map((c) => {
    if (!Object.hasOwn(c.attributes, def.name)) return c;
    const { [def.name]: v, ...rest } = c.attributes;
    return { ...c, attributes: { ...rest, [clean]: v ?? null } };
  });
  return ok({ data: { ...data, attributeDefs: data.attributeDefs.map((a) => (a === def ? renamed : a)), cases }, def: renamed });
}

/** Remove a declared attribute and every case's value of it; returns how many cases had a value. */
export function removeAttribute(data: ProjectData, name: string): Result<{ data: ProjectData; clearedValues: number }> {
  const def = data.attributeDefs.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  if (!def) return err('not-found', `No attribute named "${name}".`);
  let clearedValues = 0;
  const cases = data.cases.map((c) => {
    if (!Object.hasOwn(c.attributes, def.name)) return c;
    const { [def.name]: v, ...rest } = c.attributes;
    if (v !== null && v !== undefined) clearedValues++;
    return { ...c, attributes: rest };
  });
  return ok({ data: { ...data, attributeDefs: data.attributeDefs.filter((a) => a !== def), cases }, clearedValues });
}

/**
 * Set several attributes of one case at once (the CLI's `KEY=VALUE…`, an edited table cell).
 * An attribute not yet declared is declared with the type its value suggests (see
 * {@link inferAttributeType}); a value that does not fit a declared type fails the whole call,
 * naming the attribute, so nothing is half-applied.
 */
export function setCaseAttributes(data: ProjectData, caseId: Id, values: Readonly<Record<string, string | number | boolean | null>>): Result<ProjectData> {
  let d = data;
  for (const [key, raw] of Object.entries(values)) {
    if (!d.attributeDefs.some((a) => a.name.toLowerCase() === key.trim().toLowerCase())) {
      const type = typeof raw === 'number' ? 'number' : typeof raw === 'boolean' ? 'boolean' : inferAttributeType(raw === null ? [] : [raw]);
      const def = defineAttribute(d, key, type);
      if (!def.ok) return def;
      d = def.value;
    }
    const r = setCaseAttribute(d, caseId, key, raw);
    if (!r.ok) return r;
    d = r.value;
  }
  return ok(d);
}
