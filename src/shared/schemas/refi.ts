import { z } from 'zod';
import type { RefiOps } from '../api/refi.js';
import { id, MAX_BASE64, name, readPath, writePath, type ArgSchemas } from './common.js';

const upload = { name: name(255), dataBase64: z.string().max(MAX_BASE64) };
/** A REFI user (a GUID or name from the file) mapped to an existing coder or a new coder name. */
const users = z.array(z.strictObject({ user: name(), coderId: id.optional(), coderName: name(80).optional() })).max(10_000);
const format = z.enum(['qdpx', 'qdc']);

/** Argument schemas of the REFI-QDA operations. */
export const REFI_SCHEMAS = {
  'refi.import': z.strictObject({ path: readPath, strict: z.boolean().optional(), users: users.optional(), leaveOutDefaults: z.boolean().optional() }),
  'refi.importUpload': z.strictObject({ ...upload, strict: z.boolean().optional(), users: users.optional(), leaveOutDefaults: z.boolean().optional() }),
  'refi.inspect': z.strictObject({ path: readPath }),
  'refi.inspectUpload': z.strictObject(upload),
  'refi.export': z.strictObject({ format, positions: z.enum(['codepoints', 'utf16']).optional(), outPath: writePath.optional() }),
  'refi.exportLimits': z.strictObject({ format }),
} satisfies ArgSchemas<RefiOps>;
