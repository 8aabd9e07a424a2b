import { z } from 'zod';
import type { CoreOps } from '../api/core-ops.js';
import { SOURCE_FORMATS } from '../../core/model/project-schema.js';
import { id, ids, name, none, offset, projectDir, readPath, text, upload, type ArgSchemas } from './common.js';

/** The options of an import, shared by `import.files` and `import.upload`. */
const importOptions = {
  caseName: name().optional(),
  format: z.enum(SOURCE_FORMATS).optional(),
  splitCases: z.boolean().optional(),
  reflow: z.boolean().optional(),
  headings: z.array(name()).max(1000).optional(),
  keepPreamble: z.boolean().optional(),
  replaceDocuments: ids.optional(),
};

/** Argument schemas of the core operations. */
export const CORE_SCHEMAS = {
  'app.info': none,
  'project.recent': none,
  'project.current': none,
  'project.create': z.strictObject({ dir: projectDir, name: name().optional() }),
  'project.open': z.strictObject({ dir: projectDir, readOnly: z.boolean().optional(), restore: z.boolean().optional() }),
  'project.openDemo': none,
  'project.close': none,
  'project.choose': z.strictObject({ purpose: z.enum(['open', 'create']), name: name().optional() }),
  'folder.list': z.strictObject({ dir: projectDir.optional() }),
  'coder.use': z.strictObject({ name: name(80) }),
  'document.rename': z.strictObject({ id, title: name(500) }),
  'document.content': z.strictObject({ id }),
  'import.files': z.strictObject({ paths: z.array(readPath).min(1).max(10_000), ...importOptions }),
  'import.upload': z.strictObject({ files: z.array(upload).min(1).max(10_000), ...importOptions }),
  'coding.add': z.strictObject({ documentId: id, codeId: id, start: offset, end: offset, memo: text().optional() }),
  'coding.remove': z.strictObject({ id }),
  'history.undo': none,
  'history.redo': none,

} satisfies ArgSchemas<CoreOps>;
