/**
 * Validation of the immutable content files `sources/<id>.json` ({@link SourceContent}), against
 * their one schema (`model/source-schema.ts`).
 *
 * Besides shapes, it recomputes the SHA-256 of the canonical text and compares it with the stored
 * `textHash`: content files are written once and never changed, so any mismatch is damage.
 */
import { err, ok, type Result } from '../model/result.js';
import { sourceContentSchema } from '../model/source-schema.js';
import type { SourceContent } from '../model/types.js';
import { sha256Hex } from '../util/hash.js';
import { checkWith } from './validate-project.js';

export { isSafeSourceId } from '../model/source-schema.js';

/**
 * Validate an unknown value as {@link SourceContent}: shapes, a safe id (equal to `expectedId`
 * when given), a structurally sound ProseMirror tree, and `textHash === sha256(text)`.
 * Returns the same object or `err('invalid', '<field>: <problem>')`.
 */
export function validateSourceContent(value: unknown, expectedId?: string): Result<SourceContent> {
  const shape = checkWith(sourceContentSchema, value);
  if (!shape.ok) return shape;
  if (expectedId !== undefined && shape.value.id !== expectedId) return err('invalid', `id: expected ${JSON.stringify(expectedId)}, got ${JSON.stringify(shape.value.id)}`, { path: 'id' });
  const hash = sha256Hex(shape.value.text);
  if (hash !== shape.value.textHash) {
    return err('invalid', `textHash: does not match the text (stored ${shape.value.textHash.slice(0, 12)}…, computed ${hash.slice(0, 12)}…)`, { path: 'textHash' });
  }
  return ok(shape.value);
}
