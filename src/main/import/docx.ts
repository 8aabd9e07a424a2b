import { unzipSync, zipSync, type Unzipped } from 'fflate';
import mammoth from 'mammoth';
import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';
import { importHtml } from '../../core/import/html.js';
import type { ParsedDocument } from '../../core/import/parsed-document.js';
import { withTimeout } from './timeout.js';

/** Bounds checked on the zip's central directory before anything is inflated (OWASP ASVS V5.2.3). */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Declared uncompressed/compressed ratio allowed for entries over 1 MB. */
  maxRatio: number;
}

export const DOCX_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100 };

/**
 * Read a zip within limits. The filter sees every entry's declared sizes before any inflation and
 * refuses the archive past a limit; fflate then inflates each entry into a buffer of its declared
 * size and never past it, so a lying size header cannot make it allocate more than was declared.
 * Entry names are only used as map keys (never as paths); a Map guards against `__proto__` names.
 */
export function readZipBounded(bytes: Uint8Array, limits: ZipLimits = DOCX_LIMITS): Result<Map<string, Uint8Array>> {
  let entries = 0;
  let total = 0;
  let problem: string | null = null;
  let files: Unzipped;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (problem) return false;
        entries++;
        total += f.originalSize;
        if (entries > limits.maxEntries) problem = `more than ${limits.maxEntries} entries`;
        else if (total > limits.maxTotalBytes) problem = `more than ${Math.round(limits.maxTotalBytes / 1048576)} MB uncompressed`;
        else if (f.originalSize > 1048576 && f.originalSize > limits.maxRatio * Math.max(1, f.size)) problem = `an entry compressed more than ${limits.maxRatio}:1 (${f.name.slice(0, 60)})`;
        else if (f.compression !== 0 && f.compression !== 8) problem = `an entry with unsupported compression method ${f.compression}`;
        return problem === null;
      },
    });
  } catch (e) {
    return err('corrupt', `The file is not a readable zip archive (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (problem) return err('too-large', `The archive was refused before unpacking: ${String(problem)}.`);
  const map = new Map<string, Uint8Array>();
  for (const name of Object.keys(files)) {
    const data = files[name];
    if (data) map.set(name, data);
  }
  return ok(map);
}

/** Options for DOCX import. */
export interface DocxOptions {
  timeoutMs?: number | undefined;
  limits?: ZipLimits;
}

/**
 * Import a DOCX: zip bounds first (see {@link readZipBounded}), then the checked parts are
 * re-packed uncompressed and handed to mammoth (external file access off, images reduced to their
 * alt text), and mammoth's HTML goes through the same allowlist walker as any HTML: headings,
 * lists, tables, footnotes and emphasis survive; nothing else does. Never throws.
 */
export async function importDocx(bytes: Uint8Array, opts: DocxOptions = {}): Promise<Result<ParsedDocument>> {
  const zip = readZipBounded(bytes, opts.limits ?? DOCX_LIMITS);
  if (!zip.ok) return zip;
  if (!zip.value.has('word/document.xml') || !zip.value.has('[Content_Types].xml')) {
    return err('invalid', 'The file is a zip archive but not a Word document (no word/document.xml).');
  }
  const repacked: Record<string, [Uint8Array, { level: 0 }]> = Object.create(null) as Record<string, [Uint8Array, { level: 0 }]>;
  for (const [name, data] of zip.value) if (!name.startsWith('word/media/')) repacked[name] = [data, { level: 0 }];
  let html: string;
  let messages: string[];
  try {
    const buffer = Buffer.from(zipSync(repacked));
    const result = await withTimeout(
      mammoth.convertToHtml(
        { buffer },
        { externalFileAccess: false, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
      ),
      opts.timeoutMs ?? 30_000,
      'DOCX conversion',
    );
    if (!result.ok) return result;
    html = result.value.value;
    messages = result.value.messages.filter((m) => m.type === 'error').map((m) => m.message);
  } catch (e) {
    return err('corrupt', `The Word document could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const parsed = importHtml(`<!doctype html><html><body>${html}</body></html>`);
  return ok({ ...parsed, warnings: [...parsed.warnings, ...messages.slice(0, 5).map((m) => `Word conversion: ${m}`)] });
}
