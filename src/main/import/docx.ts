import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';
import { importHtml } from '../../core/import/html.js';
import type { ParsedDocument } from '../../core/import/parsed-document.js';
import { withTimeout } from './timeout.js';
import { DEFAULT_ZIP_LIMITS, readZipEntries, type ZipLimits } from '../zip/safe-zip.js';

/** Bounds of a DOCX archive, checked before anything is inflated (see {@link readZipEntries}). */
export const DOCX_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxEntryBytes: 100 * 1024 * 1024 };

/** Options for DOCX import. */
export interface DocxOptions {
  timeoutMs?: number | undefined;
  limits?: ZipLimits;
}

/**
 * Import a DOCX: zip bounds, entry names, sizes and CRCs first (see {@link readZipEntries}; a
 * header that lies about a size fails here, at once), then the checked parts are
 * re-packed uncompressed and handed to mammoth (external file access off, images reduced to their
 * alt text), and mammoth's HTML goes through the same allowlist walker as any HTML: headings,
 * lists, tables, footnotes and emphasis survive; nothing else does. Never throws.
 */
export async function importDocx(bytes: Uint8Array, opts: DocxOptions = {}): Promise<Result<ParsedDocument>> {
  // Images are never shown (alt text only): they are not even inflated.
  const zip = readZipEntries(bytes, opts.limits ?? DOCX_LIMITS, (name) => !name.startsWith('word/media/'));
  if (!zip.ok) return zip;
  if (!zip.value.has('word/document.xml') || !zip.value.has('[Content_Types].xml')) {
    return err('invalid', 'The file is a zip archive but not a Word document (no word/document.xml).');
  }
  const repacked: Record<string, [Uint8Array, { level: 0 }]> = Object.create(null) as Record<string, [Uint8Array, { level: 0 }]>;
  for (const [name, data] of zip.value) repacked[name] = [data, { level: 0 }];
  let html: string;
  let messages: string[];
  try {
    const buffer = Buffer.from(zipSync(repacked));
    const result = await withTimeout(mammoth.convertToHtml({ buffer }, { externalFileAccess: false, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) }), opts.timeoutMs ?? 30_000, 'DOCX conversion');
    if (!result.ok) return result;
    html = result.value.value;
    messages = result.value.messages.filter((m) => m.type === 'error').map((m) => m.message);
  } catch (e) {
    return err('corrupt', `The Word document could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const parsed = importHtml(`<!doctype html><html><body>${html}</body></html>`);
  return ok({ ...parsed, warnings: [...parsed.warnings, ...messages.slice(0, 5).map((m) => `Word conversion: ${m}`)] });
}
