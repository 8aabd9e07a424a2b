import type { Code } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';

/** A codebook template as shipped in `resources/codebooks/*.json`. */
export interface CodebookTemplate {
  name: string;
  version: number;
  codes: {
    id: string;
    name: string;
    parent?: string;
    color: string;
    shortcut?: string;
    description?: string;
    inclusion?: string;
    exclusion?: string;
    example?: string;
  }[];
}

/**
 * Turn a template into codes. Template ids are kept, so every project started from the same
 * template shares code ids (which makes merging independent copies match by id).
 */
export function codebookFromTemplate(t: unknown): Result<Code[]> {
  if (!t || typeof t !== 'object' || !Array.isArray((t as CodebookTemplate).codes)) {
    return err('invalid', 'Codebook template has no "codes" array');
  }
  const codes: Code[] = [];
  const ids = new Set<string>();
  const order = new Map<string | null, number>();
  for (const raw of (t as CodebookTemplate).codes) {
    if (!raw || typeof raw.id !== 'string' || typeof raw.name !== 'string' || !raw.name.trim()) {
      return err('invalid', 'Codebook template has a code without id or name');
    }
    if (ids.has(raw.id)) return err('invalid', `Codebook template repeats the id "${raw.id}"`);
    if (!/^#[0-9a-fA-F]{6}$/.test(raw.color)) return err('invalid', `Code "${raw.name}" has an invalid colour "${raw.color}"`);
    const parentId = raw.parent ?? null;
    if (parentId !== null && !ids.has(parentId)) return err('invalid', `Code "${raw.name}" names a parent that does not precede it`);
    ids.add(raw.id);
    const o = order.get(parentId) ?? 0;
    order.set(parentId, o + 1);
    codes.push({
      id: raw.id,
      name: raw.name.trim(),
      parentId,
      color: raw.color.toLowerCase(),
      description: raw.description ?? '',
      inclusion: raw.inclusion ?? '',
      exclusion: raw.exclusion ?? '',
      example: raw.example ?? '',
      shortcut: raw.shortcut && /^[1-9]$/.test(raw.shortcut) ? raw.shortcut : null,
      order: o,
    });
  }
  return ok(codes);
}
