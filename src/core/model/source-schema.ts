/**
 * The immutable content file `sources/<id>.json` as one zod schema: {@link SourceContent} is
 * inferred from it and `persistence/validate-source.ts` checks files with it, so the shape is
 * written once (as `project-schema.ts` does for `casecoder.json`, with the same messages).
 *
 * The ProseMirror tree is checked node by node with {@link pmNodeSchema}, walking iteratively (no
 * recursion, so a hostile, deeply nested file cannot overflow the stack); whether the nodes fit the
 * reader schema is checked later, by the reader.
 */
import { z } from 'zod';
import { count, describe, id, list, record, text } from './project-schema.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * True when `id` can safely name a file `sources/<id>.json`: 1–128 characters of ASCII letters,
 * digits, `_` and `-`, not starting with `_` or `-`. Rules out path separators, `..`, NUL and
 * names that differ only by platform-specific normalisation.
 */
export function isSafeSourceId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** ProseMirror JSON of a document node (kept loose: validated against the reader schema on load). */
export interface PmNodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNodeJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

const attrs = z.record(z.string(), z.unknown(), { error: (iss) => `expected an object, got ${describe(iss.input)}` }).optional();

/** One node of the tree, its children unchecked (the walk checks each of them with this schema). */
export const pmNodeSchema = record({
  type: id(),
  text: text().optional(),
  attrs,
  marks: list(record({ type: id(), attrs })).optional(),
  content: list(z.unknown()).optional(),
});

type Issues = z.core.ParsePayload<unknown>['issues'];

/**
 * Check every node of `root` with {@link pmNodeSchema}, iteratively; issues are pushed with paths
 * from the file's root. Paths stay short on deep trees (`doc…(depth 40).content[0]`) so a hostile
 * nesting depth cannot make them quadratic.
 */
function checkTree(root: unknown, issues: Issues): void {
  const stack: { node: unknown; path: PropertyKey[]; depth: number }[] = [{ node: root, path: ['doc'], depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    const r = pmNodeSchema.safeParse(node);
    if (!r.success) {
      for (const issue of r.error.issues) issues.push({ code: 'custom', message: issue.message, path: [...path, ...issue.path], input: node });
      return;
    }
    const children = r.data.content ?? [];
    const base = depth < 32 ? path : [`doc…(depth ${depth})`];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], path: [...base, 'content', i], depth: depth + 1 });
  }
}

/** `sources/<id>.json`: the document's ProseMirror JSON, its canonical text and that text's SHA-256. */
export const sourceContentSchema = record({
  id: id().regex(SAFE_ID, { error: (iss) => `not a safe file name: ${describe(iss.input)}` }),
  textVersion: count(),
  doc: z.custom<PmNodeJson>(() => true),
  text: text(),
  textHash: id(),
}).check((ctx) => checkTree(ctx.value.doc, ctx.issues));
