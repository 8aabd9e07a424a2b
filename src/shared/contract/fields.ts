/**
 * Building blocks of the API's argument schemas (declared with each operation in its domain's
 * module, `./<noun>.ts`). Every object is strict (unknown keys are refused, never stored), every
 * string has a length limit, and names refuse control characters (NUL, C0/C1, bidi overrides such
 * as RLO) so a name can never hide or reorder what the user reads.
 */
import { z } from 'zod';

/** C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, line and paragraph separators, BOM. */
const NAME_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/u;
/** In free text only NUL and the C0 controls other than tab, newline and carriage return are refused. */
const TEXT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** Longest name (code, case, coder, matrix, attribute, title). */
export const MAX_NAME = 200;
/** Longest free text (memos, descriptions, notes): 1 MB of UTF-16. */
export const MAX_TEXT = 1_000_000;
/** Longest path. */
export const MAX_PATH = 4096;
/** Longest upload in base64 (the web server's body limit is 150 MB). */
export const MAX_BASE64 = 200 * 1024 * 1024;
/** Most items in an id list. */
export const MAX_LIST = 100_000;

/** A name: 0–`max` characters, no control or bidi-control characters. */
export function name(max = MAX_NAME) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !NAME_CONTROLS.test(s), 'control characters (NUL, line breaks, bidi overrides such as RLO) are not allowed in names');
}

/** Free text: tabs and line breaks allowed, NUL and other controls refused. */
export function text(max = MAX_TEXT) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !TEXT_CONTROLS.test(s), 'NUL and control characters are not allowed');
}

/** An id of a project object (or a reference by name where an operation says so). */
export const id = name(200).min(1, 'must not be empty');
/** A list of ids. */
export const ids = z.array(id).max(MAX_LIST);
/** A non-negative integer offset. */
export const offset = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);
/** A file's uploaded bytes: its leaf name (never used as a path) and base64 data. */
export const upload = z.strictObject({ name: name(255), dataBase64: z.string().max(MAX_BASE64) });
/** Bootstrap settings. */
export const bootstrap = z.strictObject({
  samples: z.number().int().min(1).max(100_000),
  seed: z.number().int(),
  confidence: z.number().gt(0).lt(1).optional(),
});
/** No arguments at all. */
export const none = z.strictObject({});

/** How an operation uses a path argument; the service confines each kind by transport. */
export type PathKind = 'read' | 'write' | 'project';

/** Which schemas are path arguments (walked by the service's confinement and by the security tests). */
export const PATH_KINDS = new WeakMap<z.ZodType, PathKind>();

function pathOf(kind: PathKind) {
  const s = z
    .string()
    .min(1, 'must name a file or folder')
    .max(MAX_PATH)
    .refine((p) => !NAME_CONTROLS.test(p), 'control characters (NUL, line breaks, bidi overrides) are not allowed in paths');
  PATH_KINDS.set(s, kind);
  return s;
}

/** A file or folder the operation reads. */
export const readPath = pathOf('read');
/** A file the operation writes. */
export const writePath = pathOf('write');
/** A project folder the operation opens or creates. */
export const projectDir = pathOf('project');
