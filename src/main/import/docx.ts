import type { Result } from '../../core/model/result.js';
import { err } from '../../core/model/result.js';
import type { ParsedDocument } from '../../core/import/parsed-document.js';

/** DOCX import (in progress). */
export async function importDocx(_bytes: Uint8Array, _opts: { timeoutMs?: number | undefined } = {}): Promise<Result<ParsedDocument>> {
  return Promise.resolve(err('unsupported', 'DOCX import is not available yet.'));
}
