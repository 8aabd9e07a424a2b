import type { Id, ProjectData } from '../model/types.js';
import { deleteCode } from './edit.js';
import { descendantIds } from './paths.js';

/**
 * The default codes a project can drop before an imported codebook arrives: only while nothing is
 * coded or rated yet, and only codes whose whole subtree is default (a code the user added under
 * one keeps it). Empty when the project has any coding or rating.
 */
export function removableDefaultCodes(data: ProjectData, defaultIds: readonly Id[]): Id[] {
  if (data.codings.length > 0 || data.ratings.length > 0) return [];
  const defaults = new Set(defaultIds);
  return data.codebook.filter((c) => defaults.has(c.id) && [...descendantIds(data.codebook, c.id)].every((d) => defaults.has(d))).map((c) => c.id);
}

/**
 * The project without its removable default codes (see {@link removableDefaultCodes}); a matrix
 * left with no column goes too. Unchanged when there is nothing to remove.
 */
export function leaveOutDefaultCodes(data: ProjectData, defaultIds: readonly Id[]): ProjectData {
  const ids = removableDefaultCodes(data, defaultIds);
  let next = data;
  for (const id of ids) {
    if (!next.codebook.some((c) => c.id === id)) continue; // gone with its parent
    const r = deleteCode(next, id);
    if (r.ok) next = r.value.data;
  }
  if (next === data) return data;
  const matrices = next.matrices.filter((m) => m.columns.length > 0);
  return matrices.length === next.matrices.length ? next : { ...next, matrices };
}
