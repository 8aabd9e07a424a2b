import { z } from 'zod';
import { MATRIX_EXPORT_FORMATS, type MatrixOps } from '../api/matrix.js';
import { id, ids, name, text, writePath, type ArgSchemas } from './common.js';

const label = name(200);
const scale = z.array(label).min(1).max(100);
const target = { format: z.enum(MATRIX_EXPORT_FORMATS), outPath: writePath.optional(), bom: z.boolean().optional(), standalone: z.boolean().optional() };
const cell = { matrixId: id, caseId: id, codeId: id };
const note = text(100_000);

/** One item-level matrix edit (`core/matrix/matrix-edits.ts`). */
const matrixEdit = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rename'), name: name() }),
  z.strictObject({ kind: z.literal('addColumn'), codeId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('removeColumn'), codeId: id }),
  z.strictObject({ kind: z.literal('moveColumn'), codeId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('addRow'), caseId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('removeRow'), caseId: id }),
  z.strictObject({ kind: z.literal('moveRow'), caseId: id, before: id.nullable() }),
  z.strictObject({ kind: z.literal('allRows') }),
  z.strictObject({ kind: z.literal('addLabel'), label, before: label.nullable() }),
  z.strictObject({ kind: z.literal('renameLabel'), from: label, to: label }),
  z.strictObject({ kind: z.literal('removeLabel'), label }),
  z.strictObject({ kind: z.literal('moveLabel'), label, before: label.nullable() }),
]);

/** Argument schemas of the matrix operations. */
export const MATRIX_SCHEMAS = {
  'matrix.list': z.strictObject({}),
  'matrix.create': z.strictObject({ name: name(), columns: ids, rows: ids.optional(), scale: scale.optional(), notApplicable: label.optional() }),
  'matrix.update': z.strictObject({ matrixId: id, name: name().optional(), columns: ids.optional(), rows: ids.optional() }),
  'matrix.edit': z.strictObject({ matrixId: id, edits: z.array(matrixEdit).max(1_000) }),
  'matrix.delete': z.strictObject({ matrixId: id }),
  'matrix.setScale': z.strictObject({ matrixId: id, scale, notApplicable: label.optional(), renames: z.record(label, label).optional() }),
  'matrix.view': z.strictObject({ matrix: name().optional(), coder: id.optional(), mode: z.enum(['ratings', 'counts', 'coverage']).optional() }),
  'matrix.evidence': z.strictObject({ ...cell, coder: id.optional() }),
  'rating.set': z.strictObject({ ...cell, coderId: id.optional(), value: label.nullable(), note: note.optional(), evidence: ids.optional() }),
  'rating.adjudicate': z.strictObject({ ...cell, value: label.nullable(), note: note.optional(), evidence: ids.optional(), fromCoderIds: ids.optional() }),
  'rating.adoptAgreed': z.strictObject({ matrixId: id, fromCoderIds: ids.optional() }),
  'rating.disagreements': z.strictObject({ matrixId: id, coderIds: ids.optional(), includeMissing: z.boolean().optional() }),
  'rating.agreement': z.strictObject({ matrixId: id, coderIds: ids.optional() }),
  'matrix.export': z.strictObject({ ...target, matrix: name().optional(), coder: name().optional(), counts: z.boolean().optional() }),
  'matrix.exportCodeCase': z.strictObject({
    ...target,
    mode: z.enum(['counts', 'coverage']).optional(),
    coderIds: ids.optional(),
    codeIds: ids.optional(),
    caseIds: ids.optional(),
  }),
  'matrix.exportCoOccurrence': z.strictObject({ ...target, rule: z.enum(['overlap', 'paragraph']), coderIds: ids.optional(), codeIds: ids.optional() }),
} satisfies ArgSchemas<MatrixOps>;
