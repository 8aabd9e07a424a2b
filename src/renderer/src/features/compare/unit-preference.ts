/**
 * The unit of comparison each project was last compared at, remembered in this browser's storage
 * (per project id), so reopening a project's Compare view shows the same unit. The default is
 * characters: segment units have no "neither coded" cells, so κ and α there are degenerate.
 */
import type { ComparisonUnit } from '../../../../core/agreement/index.js';

/** The unit a project without a remembered choice starts at. */
export const DEFAULT_COMPARE_UNIT: ComparisonUnit = 'character';

const UNITS: readonly ComparisonUnit[] = ['character', 'paragraph', 'document', 'segment'];
const key = (projectId: string): string => `casecoder-compare-unit:${projectId}`;

/** The remembered unit of a project, or the default. */
export function rememberedUnit(projectId: string | undefined): ComparisonUnit {
  if (!projectId) return DEFAULT_COMPARE_UNIT;
  try {
    const v = localStorage.getItem(key(projectId));
    return (UNITS as readonly string[]).includes(v ?? '') ? (v as ComparisonUnit) : DEFAULT_COMPARE_UNIT;
  } catch {
    return DEFAULT_COMPARE_UNIT;
  }
}

/** Remember a project's unit (private windows may refuse storage; the choice then lasts the session). */
export function rememberUnit(projectId: string | undefined, unit: ComparisonUnit): void {
  if (!projectId) return;
  try {
    localStorage.setItem(key(projectId), unit);
  } catch {
    // ignore: see above
  }
}
