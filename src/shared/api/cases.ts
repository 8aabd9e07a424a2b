import type { AttributeDef, AttributeType, Case, Id } from '../../core/model/types.js';
import type { MergeReport } from '../../core/cases/cases.js';
import type { AttributeTableReport } from '../../core/cases/attributes.js';
import type { Mutation } from './base.js';

/** Raw attribute input: typed by the attribute's declared type (text from a CLI or a cell is parsed). */
export type AttributeInput = string | number | boolean | null;

/** What deleting a case did: its documents are kept and detached, never deleted. */
export interface CaseDeleted {
  detachedDocuments: number;
  removedRatings: number;
  /** A sentence for the user naming what happened to the documents. */
  message: string;
}

/** Where an attribute table comes from: a path (CLI, Electron) or uploaded bytes (browser mode). */
export type AttributeSource = { path: string } | { file: { name: string; dataBase64: string } };

/**
 * Cases and attributes (issue 3). Every mutation is one undo step. Case references (`caseName`)
 * accept a case id or a name (case-insensitive).
 */
export interface CasesOps {
  /** Create cases by name; names that already exist are reused (idempotent for scripts). */
  'case.create': { args: { names: string[] }; result: Mutation<Case[]> };
  'case.rename': { args: { caseId: Id; name: string }; result: Mutation<Case> };
  /** Merge `sourceId` into `targetId`: documents, ratings and memos move; attribute conflicts are reported. */
  'case.merge': { args: { sourceId: Id; targetId: Id }; result: Mutation<MergeReport> };
  /** Delete a case. Documents stay in the project, detached; `refuse` fails instead when it has any. */
  'case.delete': { args: { caseId: Id; mode?: 'refuse' | 'detach' }; result: Mutation<CaseDeleted> };
  /** Assign documents to a case (`caseId: null` detaches them). */
  'case.assignDocuments': { args: { documentIds: Id[]; caseId: Id | null }; result: Mutation<number> };
  /** Declare an attribute, or change its type when every existing value converts. */
  'case.defineAttribute': { args: { name: string; type: AttributeType }; result: Mutation<AttributeDef> };
  /** Rename an attribute (values follow). */
  'case.renameAttribute': { args: { name: string; newName: string }; result: Mutation<AttributeDef> };
  /** Remove an attribute and every case's value of it. */
  'case.removeAttribute': { args: { name: string }; result: Mutation<number> };
  /**
   * Set attributes of one case. An undeclared attribute is declared with the type its value
   * suggests (number, date, yes/no, else text); a value that does not fit a declared type fails
   * with a message naming the attribute and the expected form.
   */
  'case.setAttributes': { args: { caseName: string; values: Record<string, AttributeInput> }; result: Mutation<Case> };
  /** Apply a CSV/XLSX attribute table keyed by case name; unmatched rows and bad cells are reported. */
  'case.importAttributes': { args: AttributeSource; result: Mutation<AttributeTableReport> };
}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const CASES_OPERATIONS = [
  'case.create',
  'case.rename',
  'case.merge',
  'case.delete',
  'case.assignDocuments',
  'case.defineAttribute',
  'case.renameAttribute',
  'case.removeAttribute',
  'case.setAttributes',
  'case.importAttributes',
] as const satisfies readonly (keyof CasesOps)[];
