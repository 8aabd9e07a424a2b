import { err, ok, type Result } from '../../core/model/result.js';
import type { PmNodeJson } from '../../core/model/types.js';
import { readerSchema } from '../../core/document/schema.js';
import { buildTextIndex } from '../../core/document/text-index.js';
import { importBytes } from '../import/import-file.js';

/**
 * The default DOCX hook for REFI-QDA import: the project's own DOCX importer
 * (`src/main/import/import-file.ts`, `importBytes` with `format: 'docx'`), with the canonical text
 * computed from its document. Used for sources whose plain-text file is empty (NVivo for Mac 15).
 */
export async function importDocxForRefi(bytes: Uint8Array, fileName: string): Promise<Result<{ doc: PmNodeJson; text: string }>> {
  const imported = await importBytes(bytes, fileName, { format: 'docx' });
  if (!imported.ok) return imported;
  const first = imported.value[0];
  if (!first) return err('invalid', `${fileName} holds no document`);
  try {
    const text = buildTextIndex(readerSchema.nodeFromJSON(first.doc)).text;
    return ok({ doc: first.doc, text });
  } catch (e) {
    return err('invalid', `${fileName} produced an invalid document: ${(e as Error).message}`);
  }
}
