/**
 * Structural validation of `casecoder.json` ({@link ProjectData}, schema version 1).
 *
 * This is the integrity check of the store: a file that parses but fails here is treated as
 * damaged on open (moved aside, newest valid backup restored), and a state that fails here is
 * refused by `commit` before it reaches the disk. It checks shapes, types, integer offsets with
 * `start ≤ end`, enums and id uniqueness per collection. It deliberately does NOT check references
 * between collections (a coding naming a deleted code is a domain problem to show, not a reason to
 * discard a file); see {@link findDanglingReferences} for that.
 */
import type { Result } from '../model/result.js';
import type { ProjectData } from '../model/types.js';
import { SCHEMA_VERSION } from '../model/types.js';
import { fail, int, list, oneOf, optBool, record, records, runCheck, str, stringList, strOrNull, describe, type Rec } from './checker.js';

/** Formats a document may have been imported from (mirrors `SourceFormat`). */
export const SOURCE_FORMATS = ['md', 'txt', 'html', 'docx', 'pdf', 'qdpx'] as const;
const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean'] as const;
const DECISIONS = ['accept-a', 'accept-b', 'accept-both', 'edit', 'reject'] as const;
const MEMO_KINDS = ['document', 'code', 'case', 'project'] as const;

/** Options for {@link validateProjectData}. */
export interface ProjectValidationOptions {
  /**
   * Accept any integer `schemaVersion` instead of exactly {@link SCHEMA_VERSION}. Used only to
   * decide whether a file from a newer build can still be shown read-only.
   */
  anyVersion?: boolean;
}

/**
 * Validate an unknown value (typically `JSON.parse` output) as {@link ProjectData}.
 *
 * Returns the same object (not a copy; unknown extra fields are kept) or
 * `err('invalid', '<field path>: <problem>')` naming the first offending field, e.g.
 * `codings[3].start: expected an integer ≥ 0, got the number -1`.
 */
export function validateProjectData(value: unknown, options: ProjectValidationOptions = {}): Result<ProjectData> {
  return runCheck<ProjectData>(value, (v) => checkProject(v, options));
}

function checkProject(value: unknown, options: ProjectValidationOptions): void {
  const o = record(value, '');
  if (o.format !== 'casecoder') fail('format', `expected "casecoder", got ${describe(o.format)}`);
  const version = int(o, 'schemaVersion', '', 0);
  if (!options.anyVersion && version !== SCHEMA_VERSION) fail('schemaVersion', `expected ${SCHEMA_VERSION}, got ${version}`);
  const meta = record(o.project, 'project');
  str(meta, 'id', 'project', true);
  str(meta, 'name', 'project');
  str(meta, 'created', 'project');
  int(meta, 'codebookVersion', 'project', 0);
  records(o, 'coders', '', (c, at) => {
    str(c, 'name', at);
    optBool(c, 'consensus', at);
    optBool(c, 'auto', at);
  });
  records(o, 'codebook', '', checkCode);
  records(o, 'attributeDefs', '', (d, at) => {
    str(d, 'name', at, true);
    oneOf(d, 'type', at, ATTRIBUTE_TYPES);
  }, false);
  records(o, 'cases', '', checkCase);
  records(o, 'documents', '', checkDocument);
  records(o, 'codings', '', checkCoding);
  records(o, 'matrices', '', checkMatrix);
  records(o, 'ratings', '', checkRating);
  records(o, 'memos', '', checkMemo);
}

function checkCode(c: Rec, at: string): void {
  str(c, 'name', at);
  strOrNull(c, 'parentId', at);
  str(c, 'color', at);
  str(c, 'description', at);
  str(c, 'inclusion', at);
  str(c, 'exclusion', at);
  str(c, 'example', at);
  strOrNull(c, 'shortcut', at);
  const order = c.order;
  if (typeof order !== 'number' || !Number.isFinite(order)) fail(`${at}.order`, `expected a number, got ${describe(order)}`);
}

function checkCase(c: Rec, at: string): void {
  str(c, 'name', at);
  const attrs = record(c.attributes, `${at}.attributes`);
  for (const [key, v] of Object.entries(attrs)) {
    const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) fail(`${at}.attributes.${key}`, `expected text, a number, true/false or null, got ${describe(v)}`);
  }
}

function checkDocument(d: Rec, at: string): void {
  strOrNull(d, 'caseId', at);
  str(d, 'title', at);
  str(d, 'sourceFile', at);
  oneOf(d, 'format', at, SOURCE_FORMATS);
  str(d, 'textHash', at);
  int(d, 'chars', at, 0);
  str(d, 'importedAt', at);
  int(d, 'textVersion', at, 0);
  if (d.pages !== undefined) {
    const pages = list(d, 'pages', at);
    for (let i = 0; i < pages.length; i++) {
      const p = record(pages[i], `${at}.pages[${i}]`);
      int(p, 'page', `${at}.pages[${i}]`, 0);
      int(p, 'offset', `${at}.pages[${i}]`, 0);
    }
  }
}

function checkProvenance(o: Rec, at: string): void {
  if (o.provenance === undefined) return;
  const p = record(o.provenance, `${at}.provenance`);
  str(p, 'decidedBy', `${at}.provenance`);
  stringList(p, 'fromCodingIds', `${at}.provenance`);
  oneOf(p, 'decision', `${at}.provenance`, DECISIONS);
  str(p, 'at', `${at}.provenance`);
}

function checkCoding(c: Rec, at: string): void {
  str(c, 'documentId', at, true);
  str(c, 'codeId', at, true);
  str(c, 'coderId', at, true);
  const start = int(c, 'start', at, 0);
  const end = int(c, 'end', at, 0);
  if (end < start) fail(`${at}.end`, `expected end ≥ start (${start}), got ${end}`);
  str(c, 'exact', at);
  str(c, 'prefix', at);
  str(c, 'suffix', at);
  str(c, 'memo', at);
  str(c, 'created', at);
  str(c, 'updated', at);
  checkProvenance(c, at);
}

function checkMatrix(m: Rec, at: string): void {
  str(m, 'name', at);
  stringList(m, 'columns', at);
  stringList(m, 'rows', at);
  stringList(m, 'scale', at);
  str(m, 'notApplicable', at);
}

function checkRating(r: Rec, at: string): void {
  str(r, 'matrixId', at, true);
  str(r, 'caseId', at, true);
  str(r, 'codeId', at, true);
  str(r, 'coderId', at, true);
  strOrNull(r, 'value', at);
  str(r, 'note', at);
  stringList(r, 'evidence', at);
  str(r, 'updated', at);
  checkProvenance(r, at);
}

function checkMemo(m: Rec, at: string): void {
  const target = record(m.target, `${at}.target`);
  const kind = oneOf(target, 'kind', `${at}.target`, MEMO_KINDS);
  if (kind !== 'project') str(target, 'id', `${at}.target`, true);
  strOrNull(m, 'coderId', at);
  str(m, 'text', at);
  str(m, 'updated', at);
}
