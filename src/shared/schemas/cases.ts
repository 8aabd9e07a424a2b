import { ATTRIBUTE_TYPES } from '../../core/model/project-schema.js';
import { z } from 'zod';
import type { CasesOps } from '../api/cases.js';
import { id, ids, name, readPath, text, upload, type ArgSchemas } from './common.js';

const attributeType = z.enum(ATTRIBUTE_TYPES);
const attributeInput = z.union([text(100_000), z.number().finite(), z.boolean(), z.null()]);

/** Argument schemas of the case and attribute operations. */
export const CASES_SCHEMAS = {
  'case.create': z.strictObject({ names: z.array(name()).min(1).max(100_000) }),
  'case.rename': z.strictObject({ caseId: id, name: name() }),
  'case.merge': z.strictObject({ sourceId: id, targetId: id }),
  'case.delete': z.strictObject({ caseId: id, mode: z.enum(['refuse', 'detach']).optional() }),
  'case.assignDocuments': z.strictObject({ documentIds: ids, caseId: id.nullable() }),
  'case.defineAttribute': z.strictObject({ name: name(), type: attributeType }),
  'case.renameAttribute': z.strictObject({ name: name(), newName: name() }),
  'case.removeAttribute': z.strictObject({ name: name() }),
  'case.setAttributes': z.strictObject({ caseName: name(), values: z.record(name(), attributeInput) }),
  'case.importAttributes': z.union([z.strictObject({ path: readPath }), z.strictObject({ file: upload })]),
} satisfies ArgSchemas<CasesOps>;
