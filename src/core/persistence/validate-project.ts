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
import type { z } from 'zod';
import { err, ok, type Result } from '../model/result.js';
import type { ProjectData } from '../model/types.js';
import { anyVersionProjectDataSchema, projectDataSchema } from '../model/project-schema.js';
import { compileAcceptor, type Acceptor } from '../model/schema-acceptor.js';

export { SOURCE_FORMATS } from '../model/project-schema.js';

/** Options for {@link validateProjectData}. */
export interface ProjectValidationOptions {
  /**
   * Accept any integer `schemaVersion` instead of exactly {@link SCHEMA_VERSION}. Used only to
   * decide whether a file from a newer build can still be shown read-only.
   */
  anyVersion?: boolean;
}

/**
 * Validate an unknown value (typically `JSON.parse` output) as {@link ProjectData}, against the
 * one schema of the stored project (`model/project-schema.ts`).
 *
 * Returns the same object (not a copy; unknown extra fields are kept) or
 * `err('invalid', '<field path>: <problem>', { path })` naming the first offending field, e.g.
 * `codings[3].start: expected an integer ≥ 0, got the number -1`.
 */
export function validateProjectData(value: unknown, options: ProjectValidationOptions = {}): Result<ProjectData> {
  // The compiled acceptor answers valid projects without zod's parsed copy; zod words the rejections.
  if ((options.anyVersion ? acceptsAnyVersion() : acceptsProject())(value)) return ok(value as ProjectData);
  const schema = options.anyVersion ? anyVersionProjectDataSchema : projectDataSchema;
  return checkWith(schema, value);
}

/**
 * Check `value` against one of the stored files' schemas: the same object (not a copy) or
 * `err('invalid', '<field path>: <problem>', { path })` naming the first offending field.
 */
export function checkWith<T>(schema: z.ZodType<T>, value: unknown): Result<T> {
  const r = schema.safeParse(value);
  if (r.success) return ok(value as T);
  const issue = r.error.issues[0];
  if (!issue) return err('invalid', 'validation failed');
  const path = fieldPath(issue.path) || '(root)';
  return err('invalid', `${path}: ${issue.message}`, { path });
}

let project: Acceptor | null = null;
let anyVersion: Acceptor | null = null;
const acceptsProject = (): Acceptor => (project ??= compileAcceptor(projectDataSchema));
const acceptsAnyVersion = (): Acceptor => (anyVersion ??= compileAcceptor(anyVersionProjectDataSchema));

/** `codings[3].start` from zod's `['codings', 3, 'start']`. */
function fieldPath(path: z.core.$ZodIssue['path']): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}
