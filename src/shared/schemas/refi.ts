import { z } from 'zod';
import type { RefiOps } from '../api/refi.js';
import { MAX_BASE64, name, readPath, writePath, type ArgSchemas } from './common.js';

/** Argument schemas of the REFI-QDA operations. */
export const REFI_SCHEMAS = {
  'refi.import': z.strictObject({ path: readPath, strict: z.boolean().optional() }),
  'refi.importUpload': z.strictObject({ name: name(255), dataBase64: z.string().max(MAX_BASE64), strict: z.boolean().optional() }),
  'refi.export': z.strictObject({ format: z.enum(['qdpx', 'qdc']), positions: z.enum(['codepoints', 'utf16']).optional(), outPath: writePath.optional() }),
} satisfies ArgSchemas<RefiOps>;
