/**
 * The stored project (`casecoder.json`, schema version 1) as one zod schema: the TypeScript types
 * in `types.ts` are inferred from it, and `persistence/validate-project.ts` checks files and
 * changes with it, so the shape is written once.
 *
 * Every rejection names the field and says what was expected and what was found
 * (`codings[3].start: expected an integer ≥ 0, got the number -1`): each schema carries its own
 * message, built from the offending input with {@link describe}.
 */
import { z } from 'zod';

/** A short human description of a value, for "expected X, got Y" messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Schema version this build reads and writes. A file with a higher version opens read-only. */
export const SCHEMA_VERSION = 1;

/** Formats a document may have been imported from. */
export const SOURCE_FORMATS = ['md', 'txt', 'html', 'docx', 'pdf', 'qdpx'] as const;
/** Types a case attribute may have. */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean'] as const;
/** How an adjudicator decided a disagreement. */
export const DECISIONS = ['accept-a', 'accept-b', 'accept-both', 'edit', 'reject'] as const;
/** What a memo may be attached to. */
export const MEMO_KINDS = ['document', 'code', 'case', 'project'] as const;

type Issue = { input?: unknown };
/** An error message "expected <what>, got <the input, described>". Shared with `source-schema.ts`, so both files give the same messages. */
export const expected = (what: string) => (iss: Issue) => `expected ${what}, got ${describe(iss.input)}`;

/** A string. Shared with `source-schema.ts`, so both files give the same messages. */
export const text = () => z.string({ error: expected('a string') });
/** A non-empty string. Shared with `source-schema.ts`, so both files give the same messages. */
export const id = () => text().min(1, { error: 'expected a non-empty string' });
const textOrNull = () => z.string({ error: expected('a string or null') }).nullable();
/** An integer ≥ 0. Shared with `source-schema.ts`, so both files give the same messages. */
export const count = () => z.int({ error: expected('an integer ≥ 0') }).min(0, { error: expected('an integer ≥ 0') });
const flag = () => z.boolean({ error: expected('true, false or nothing') }).optional();
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: expected(`one of ${values.join(', ')}`) });
/** An array of `item`. Shared with `source-schema.ts`, so both files give the same messages. */
export const list = <T extends z.ZodType>(item: T) => z.array(item, { error: expected('an array') });
/** An object with these fields (extra fields are not an error). Shared with `source-schema.ts`, so both files give the same messages. */
export const record = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: expected('an object') });

/** A list of records whose `id`s are unique (the first repeat is named). */
const collection = <T extends z.ZodType<{ id: string }>>(item: T) =>
  list(item).check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach((x, i) => {
      if (seen.has(x.id)) ctx.issues.push({ code: 'custom', message: `duplicate id ${JSON.stringify(x.id)}`, path: [i, 'id'], input: x.id });
      seen.add(x.id);
    });
  });

export const projectMetaSchema = record({
  id: id(),
  name: text(),
  /** ISO-8601 timestamp. */
  created: text(),
  /** Incremented on every codebook change; exports cite it. */
  codebookVersion: count(),
});

export const coderSchema = record({
  id: id(),
  name: text(),
  /** True for an adjudicated consensus coder. */
  consensus: flag(),
  /** True for machine coders (autocode), so agreement never counts them unnoticed. */
  auto: flag(),
});

export const codeSchema = record({
  id: id(),
  name: text(),
  parentId: textOrNull(),
  /** CSS hex colour, `#rrggbb`. */
  color: text(),
  description: text(),
  inclusion: text(),
  exclusion: text(),
  example: text(),
  /** A single key `1`–`9`, or null. */
  shortcut: textOrNull(),
  /** Sibling order. */
  order: z.number({ error: expected('a number') }),
});

export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: expected('text, a number, true/false or null') });

export const attributeDefSchema = record({
  name: id(),
  type: oneOf(ATTRIBUTE_TYPES),
});

export const caseSchema = record({
  id: id(),
  name: text(),
  attributes: z.record(z.string(), attributeValueSchema, { error: expected('an object') }),
});

/** One page of a paged source: the canonical-text offset where the page begins. */
export const pageStartSchema = record({ page: count(), offset: count() });

export const documentMetaSchema = record({
  id: id(),
  caseId: textOrNull(),
  title: text(),
  sourceFile: text(),
  format: oneOf(SOURCE_FORMATS),
  /** SHA-256 (hex) of the canonical text. */
  textHash: text(),
  /** Length of the canonical text in UTF-16 code units. */
  chars: count(),
  /** ISO-8601 timestamp. */
  importedAt: text(),
  textVersion: count(),
  /** Page starts, ascending by offset, when the source had pages. */
  pages: list(pageStartSchema).optional(),
});

export const provenanceSchema = record({
  decidedBy: text(),
  fromCodingIds: list(text()),
  decision: oneOf(DECISIONS),
  at: text(),
});

export const codingSchema = record({
  id: id(),
  documentId: id(),
  codeId: id(),
  coderId: id(),
  /** UTF-16 code-unit offset into the document's canonical text, inclusive. */
  start: count(),
  /** End offset, exclusive. */
  end: count(),
  /** The quoted text `text.slice(start, end)` at coding time. */
  exact: text(),
  /** Up to 32 characters before `start`. */
  prefix: text(),
  /** Up to 32 characters after `end`. */
  suffix: text(),
  memo: text(),
  created: text(),
  updated: text(),
  provenance: provenanceSchema.optional(),
}).check((ctx) => {
  const { start, end } = ctx.value;
  if (end < start) ctx.issues.push({ code: 'custom', message: `expected end ≥ start (${start}), got ${end}`, path: ['end'], input: end });
});

export const matrixSchema = record({
  id: id(),
  name: text(),
  /** Column code ids, in order. */
  columns: list(text()),
  /** Row case ids; empty means all cases. */
  rows: list(text()),
  /** Ordinal scale labels, low to high. */
  scale: list(text()),
  /** Label meaning "not applicable" (outside the ordinal scale). */
  notApplicable: text(),
});

export const ratingSchema = record({
  id: id(),
  matrixId: id(),
  caseId: id(),
  codeId: id(),
  coderId: id(),
  /** A scale label or the not-applicable label; null means unrated. */
  value: textOrNull(),
  note: text(),
  evidence: list(text()),
  updated: text(),
  provenance: provenanceSchema.optional(),
});

const target = <K extends string>(kind: K) => record({ kind: z.literal(kind), id: id() });
export const memoTargetSchema = z.discriminatedUnion('kind', [target('document'), target('code'), target('case'), record({ kind: z.literal('project') })], {
  error: (iss) => {
    const input = iss.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return `expected an object, got ${describe(input)}`;
    return `expected one of ${MEMO_KINDS.join(', ')}, got ${describe((input as { kind?: unknown }).kind)}`;
  },
});

export const memoSchema = record({
  id: id(),
  target: memoTargetSchema,
  coderId: textOrNull(),
  text: text(),
  updated: text(),
});

const projectShape = {
  format: z.literal('casecoder', { error: expected('"casecoder"') }),
  schemaVersion: count().refine((v): boolean => v === SCHEMA_VERSION, { error: (iss) => `expected ${SCHEMA_VERSION}, got ${String(iss.input)}` }),
  project: projectMetaSchema,
  coders: collection(coderSchema),
  codebook: collection(codeSchema),
  attributeDefs: list(attributeDefSchema),
  cases: collection(caseSchema),
  documents: collection(documentMetaSchema),
  codings: collection(codingSchema),
  matrices: collection(matrixSchema),
  ratings: collection(ratingSchema),
  memos: collection(memoSchema),
};

/** The whole of `casecoder.json`, of exactly this build's schema version. */
export const projectDataSchema = record(projectShape);

/** The same, accepting any schema version (to decide whether a newer file can be shown read-only). */
export const anyVersionProjectDataSchema = record({ ...projectShape, schemaVersion: count() });
