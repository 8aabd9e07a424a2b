import type { Code, Id, Matrix } from '../model/types.js';
import { findCode } from '../codebook/paths.js';
import { DEFAULT_NOT_APPLICABLE, DEFAULT_SCALE } from './scale.js';

/** Name of the default outcomes matrix (the book's Tables A6.6–A6.9). */
export const A6_MATRIX_NAME = 'A6 outcomes';

/** Name of the default matrix over the steps of the scorecard-diplomacy cycle. */
export const CYCLE_MATRIX_NAME = 'Scorecard cycle';

/**
 * Each default column is looked up by several paths (first hit wins), so that a codebook which
 * spells a code a little differently ("Norms and practices" vs. the book's long heading) still
 * gets its matrix. Lookup is by path, never by template id, so any codebook works.
 */
const A6_COLUMNS: readonly (readonly string[])[] = [
  ['Outcomes/Legislation', 'Outcomes/Legislation and other policy', 'Legislation'],
  ['Outcomes/Institution building', 'Institution building'],
  ['Outcomes/Norms and practices', 'Outcomes/The promotion and adoption of new norms and practices', 'Norms and practices'],
];

const CYCLE_COLUMNS: readonly (readonly string[])[] = [['Direct diplomacy'], ['Indirect pressure'], ['Concerns'], ['Conditioning factors']];

/** Deterministic id of a default matrix, so independent copies of a project merge by id. */
export function defaultMatrixId(name: string): Id {
  return `mx-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

function resolveColumns(codebook: readonly Code[], columns: readonly (readonly string[])[]): Id[] {
  const ids: Id[] = [];
  for (const candidates of columns) {
    for (const path of candidates) {
      const code = findCode(codebook, path);
      if (code && !ids.includes(code.id)) {
        ids.push(code.id);
        break;
      }
    }
  }
  return ids;
}

/**
 * The default matrices for a codebook: "A6 outcomes" (Legislation, Institution building, Norms and
 * practices under Outcomes) and "Scorecard cycle" (Direct diplomacy, Indirect pressure, Concerns,
 * Conditioning factors), each with the none/weak/moderate/strong scale plus "not applicable" and
 * all cases as rows. A matrix none of whose columns the codebook has is left out; columns that are
 * missing are skipped, so the result is always valid for the given codebook.
 */
export function defaultMatrices(codebook: readonly Code[]): Matrix[] {
  const out: Matrix[] = [];
  for (const [name, columns] of [
    [A6_MATRIX_NAME, A6_COLUMNS],
    [CYCLE_MATRIX_NAME, CYCLE_COLUMNS],
  ] as const) {
    const ids = resolveColumns(codebook, columns);
    if (ids.length === 0) continue;
    out.push({
      id: defaultMatrixId(name),
      name,
      columns: ids,
      rows: [],
      scale: [...DEFAULT_SCALE],
      notApplicable: DEFAULT_NOT_APPLICABLE,
    });
  }
  return out;
}
