import { z } from 'zod';
import { MATRIX_EXPORT_FORMATS, type MatrixOps } from '../api/matrix.js';
import { id, ids, name, text, writePath, type ArgSchemas } from './common.js';

const label = name(200);
const scale = z.array(label).min(1).max(100);
const target = { format: z.enum(MATRIX_EXPORT_FORMATS), outPath: writePath.optional() };
const cell = { matrixId: id, caseId: id, codeId: id };
const note = text(100_000);

/** Argument schemas of the matrix operations. */
export const MATRIX_SCHEMAS = {
  'matrix.list': z.strictObject({}),
  'matrix.create': z.strictObject({ name: name(), columns: ids, rows: ids.optional(), scale: scale.optional(), notApplicable: label.optional() }),
  'matrix.update': z.strictObject({ matrixId: id, name: name().optional(), columns: ids.optional(), rows: ids.optional() }),
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
