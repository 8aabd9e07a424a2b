import type { AttributeDef, Case } from '../../core/model/types.js';
import type { MergeReport } from '../../core/cases/cases.js';
import type { AttributeTableReport } from '../../core/cases/attributes.js';
import { z } from 'zod';
import { ATTRIBUTE_TYPES } from '../../core/model/project-schema.js';
import type { Mutation } from './project.js';
import { op, returns } from './declare.js';
import { id, ids, name, readPath, text, upload } from './fields.js';

/**
 * Cases and attributes. Every mutation is one undo step. Case references (`caseName`) accept a
 * case id or a name (case-insensitive).
 */

const attributeType = z.enum(ATTRIBUTE_TYPES);
const attributeInput = z.union([text(100_000), z.number().finite(), z.boolean(), z.null()]);
const attributeSource = z.union([z.strictObject({ path: readPath }), z.strictObject({ file: upload })]);

/** Raw attribute input: typed by the attribute's declared type (text from a CLI or a cell is parsed). */
export type AttributeInput = z.output<typeof attributeInput>;

/** What deleting a case did: its documents are kept and detached, never deleted. */
export interface CaseDeleted {
  detachedDocuments: number;
  removedRatings: number;
  /** A sentence for the user naming what happened to the documents. */
  message: string;
}

/** Where an attribute table comes from: a path (CLI, Electron) or uploaded bytes (browser mode). */
export type AttributeSource = z.output<typeof attributeSource>;

/** The case and attribute operations. */
export const CASE_OPS = {
  /** Create cases by name; names that already exist are reused (idempotent for scripts). */
  'case.create': op(z.strictObject({ names: z.array(name()).min(1).max(100_000) }), returns<Mutation<Case[]>>()),
  'case.rename': op(z.strictObject({ caseId: id, name: name() }), returns<Mutation<Case>>()),
  /** Merge `sourceId` into `targetId`: documents, ratings and memos move; attribute conflicts are reported. */
  'case.merge': op(z.strictObject({ sourceId: id, targetId: id }), returns<Mutation<MergeReport>>()),
  /** Delete a case. Documents stay in the project, detached; `refuse` fails instead when it has any. */
  'case.delete': op(z.strictObject({ caseId: id, mode: z.enum(['refuse', 'detach']).optional() }), returns<Mutation<CaseDeleted>>()),
  /** Assign documents to a case (`caseId: null` detaches them). */
  'case.assignDocuments': op(z.strictObject({ documentIds: ids, caseId: id.nullable() }), returns<Mutation<number>>()),
  /** Declare an attribute, or change its type when every existing value converts. */
  'case.defineAttribute': op(z.strictObject({ name: name(), type: attributeType }), returns<Mutation<AttributeDef>>()),
  /** Rename an attribute (values follow). */
  'case.renameAttribute': op(z.strictObject({ name: name(), newName: name() }), returns<Mutation<AttributeDef>>()),
  /** Remove an attribute and every case's value of it. */
  'case.removeAttribute': op(z.strictObject({ name: name() }), returns<Mutation<number>>()),
  /**
   * Set attributes of one case. An undeclared attribute is declared with the type its value
   * suggests (number, date, yes/no, else text); a value that does not fit a declared type fails
   * with a message naming the attribute and the expected form.
   */
  'case.setAttributes': op(z.strictObject({ caseName: name(), values: z.record(name(), attributeInput) }), returns<Mutation<Case>>()),
  /** Apply a CSV/XLSX attribute table keyed by case name; unmatched rows and bad cells are reported. */
  'case.importAttributes': op(attributeSource, returns<Mutation<AttributeTableReport>>()),
};
