import { DECISIONS } from '../../core/model/project-schema.js';
import { z } from 'zod';
import type { CompareOps } from '../api/compare.js';
import { bootstrap, id, ids, name, offset, projectDir, upload, writePath, type ArgSchemas } from './common.js';

const agreementRequest = {
  coderIds: ids,
  codeIds: ids.optional(),
  documentIds: ids.optional(),
  unit: z.enum(['character', 'segment', 'paragraph', 'document']),
  overlapThreshold: z.number().min(0).max(1).optional(),
  documentCriterion: z.enum(['presence', 'frequency']).optional(),
  bootstrap: bootstrap.optional(),
  withTables: z.boolean().optional(),
  withData: z.boolean().optional(),
};

/** Argument schemas of the compare operations (agreement, merge, adjudication). */
export const COMPARE_SCHEMAS = {
  'agreement.compute': z.strictObject(agreementRequest),
  'agreement.report': z.strictObject({ ...agreementRequest, format: z.enum(['md', 'html', 'csv']) }),
  'agreement.metric': z.strictObject({
    text: z.string().max(100_000_000),
    format: z.enum(['auto', 'csv', 'json']).optional(),
    metric: name(80),
    level: name(80).optional(),
    percentDefinition: name(80).optional(),
    weights: name(80).optional(),
    categories: z.union([z.number().int().min(1).max(1_000_000), z.array(name()).max(100_000)]).optional(),
    bootstrap: bootstrap.optional(),
    withTable: z.boolean().optional(),
  }),
  // A project folder is chosen like one to open (browser mode: under the roots); files are uploads there.
  'merge.run': z.strictObject({ path: projectDir }),
  'merge.upload': upload,
  'merge.exportCoder': z.strictObject({ coderIds: ids, path: writePath.optional() }),
  'merge.reports': z.strictObject({}),
  'merge.report': z.strictObject({ id }),
  'merge.retry': z.strictObject({ id }),
  'merge.resolve': z.strictObject({ id }),
  'adjudication.decide': z.strictObject({
    documentId: id,
    fromCodingIds: ids,
    decision: z.enum(DECISIONS),
    keep: ids.optional(),
    edit: z.strictObject({ start: offset, end: offset, codeId: id }).optional(),
  }),
  'adjudication.acceptAgreements': z.strictObject({ documentId: id, coderA: id, coderB: id, codeIds: ids.optional() }),
} satisfies ArgSchemas<CompareOps>;
