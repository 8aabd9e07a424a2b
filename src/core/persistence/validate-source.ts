/**
 * Validation of the immutable content files `sources/<id>.json` ({@link SourceContent}).
 *
 * Besides shapes, it recomputes the SHA-256 of the canonical text and compares it with the stored
 * `textHash`: content files are written once and never changed, so any mismatch is damage. The
 * ProseMirror tree is checked iteratively (no recursion), so a hostile, deeply nested file cannot
 * overflow the stack; whether the nodes fit the reader schema is checked later, by the reader.
 */
import { err, ok, type Result } from '../model/result.js';
import type { SourceContent } from '../model/types.js';
import { sha256Hex } from '../util/hash.js';
import { describe, fail, int, record, runCheck, str, type Rec } from './checker.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * True when `id` can safely name a file `sources/<id>.json`: 1–128 characters of ASCII letters,
 * digits, `_` and `-`, not starting with `_` or `-`. Rules out path separators, `..`, NUL and
 * names that differ only by platform-specific normalisation.
 */
export function isSafeSourceId(id: string): boolean {
  return SAFE_ID.test(id);
}

/**
 * Validate an unknown value as {@link SourceContent}: shapes, a safe id (equal to `expectedId`
 * when given), a structurally sound ProseMirror tree, and `textHash === sha256(text)`.
 * Returns the same object or `err('invalid', '<field>: <problem>')`.
 */
export function validateSourceContent(value: unknown, expectedId?: string): Result<SourceContent> {
  const shape = runCheck<SourceContent>(value, (v) => {
    const o = record(v, '');
    const id = str(o, 'id', '', true);
    if (!isSafeSourceId(id)) fail('id', `not a safe file name: ${describe(id)}`);
    if (expectedId !== undefined && id !== expectedId) fail('id', `expected ${JSON.stringify(expectedId)}, got ${JSON.stringify(id)}`);
    int(o, 'textVersion', '', 0);
    str(o, 'text', '');
    str(o, 'textHash', '', true);
    checkPmTree(o.doc);
  });
  if (!shape.ok) return shape;
  const hash = sha256Hex(shape.value.text);
  if (hash !== shape.value.textHash) {
    return err('invalid', `textHash: does not match the text (stored ${shape.value.textHash.slice(0, 12)}…, computed ${hash.slice(0, 12)}…)`, { path: 'textHash' });
  }
  return ok(shape.value);
}

/** Iterative walk over `doc`: every node has a string `type`, optional `content`/`marks` arrays, optional string `text`. */
function checkPmTree(root: unknown): void {
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: root, path: 'doc', depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as { node: unknown; path: string; depth: number };
    const n: Rec = record(node, path);
    str(n, 'type', path, true);
    if (n.text !== undefined) str(n, 'text', path);
    if (n.attrs !== undefined) record(n.attrs, `${path}.attrs`);
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks)) fail(`${path}.marks`, `expected an array, got ${describe(n.marks)}`);
      n.marks.forEach((m, i) => {
        const mark = record(m, `${path}.marks[${i}]`);
        str(mark, 'type', `${path}.marks[${i}]`, true);
        if (mark.attrs !== undefined) record(mark.attrs, `${path}.marks[${i}].attrs`);
      });
    }
    if (n.content !== undefined) {
      if (!Array.isArray(n.content)) fail(`${path}.content`, `expected an array, got ${describe(n.content)}`);
      // Paths stay short on deep trees so a hostile nesting depth cannot make them quadratic.
      const base = depth < 32 ? path : `doc…(depth ${depth})`;
      for (let i = n.content.length - 1; i >= 0; i--) stack.push({ node: n.content[i], path: `${base}.content[${i}]`, depth: depth + 1 });
    }
  }
}
