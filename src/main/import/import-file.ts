import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PmNodeJson, SourceFormat } from '../../core/model/types.js';
import type { Result } from '../../core/model/result.js';
import { err, ok } from '../../core/model/result.js';
import { decodeText } from '../../core/import/decode.js';
import { documentExtensionsHint, formatFromExtension, formatFromMagic } from '../../core/import/detect.js';
import { finishImport, importTextContent, markdownSuggestion, resolveTextFormat, type FinishOptions, type ImportedPart } from '../../core/import/pipeline.js';
import { importDocx } from './docx.js';
import { importPdf } from './pdf.js';

/** One document produced by importing a file. */
export interface ImportedDocument {
  title: string;
  format: SourceFormat;
  /** Reader-schema ProseMirror JSON (validated). */
  doc: PmNodeJson;
  warnings: string[];
  /** Text encoding used, for text formats. */
  encoding?: string;
  /** The case this part belongs to, when the file was split by case. */
  caseName?: string;
  /** A format the content looks like, offered to the user (read as plain text, it looks like Markdown). */
  suggestedFormat?: 'md';
}

/** How to import a file. */
export interface ImportOptions {
  /** Force a format instead of detecting it from the extension and content. */
  format?: SourceFormat;
  /** Join lines and paragraphs broken inside sentences (PDF-converted text). */
  reflow?: boolean;
  /** Section names whose bare lines become headings (default: the scorecard sections). */
  headings?: string[];
  /** Known case names. Given: split the file into one document per case at lines naming a case. */
  splitCases?: string[];
  /** With `splitCases`: keep the text before the first case as a document of its own. */
  keepPreamble?: boolean;
  /** Size cap in bytes, checked on `stat` before reading (default {@link DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
  /** Time limit for PDF/DOCX extraction in ms (default 30 s). */
  timeoutMs?: number;
}

/** Default size cap: 50 MB per imported file. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

async function readHead(file: string, n: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function readAll(file: string, size: number): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

/**
 * Decide the format: an explicit option wins; then magic bytes for binary formats (a `.txt` that
 * is really a PDF is read as PDF); then the extension; then content sniffing for text.
 */
export function detectFormat(file: string, head: Uint8Array, forced?: SourceFormat): Result<SourceFormat> {
  if (forced) return ok(forced);
  const magic = formatFromMagic(head);
  const ext = path.extname(file);
  const byExt = ext ? formatFromExtension(ext) : null;
  if (magic === 'pdf' || magic === 'docx') return ok(magic);
  if (byExt) return ok(byExt);
  if (magic) return ok(magic);
  if (!ext) return ok('txt');
  return err('unsupported', `Files of type ${ext} cannot be imported (use ${documentExtensionsHint()}, or choose a format).`);
}

function toDocuments(parts: ImportedPart[], fallbackTitle: string, encoding?: string): ImportedDocument[] {
  return parts.map((p) => {
    const d: ImportedDocument = { title: p.title.trim() || fallbackTitle, format: p.format, doc: p.doc, warnings: p.warnings };
    if (encoding) d.encoding = encoding;
    if (p.caseName) d.caseName = p.caseName;
    return d;
  });
}

/**
 * Import one file into reader-schema documents (one, or one per case with `splitCases`).
 * The size cap is checked on `stat` before any byte is read. Never throws: every failure is a
 * typed error (`not-found`, `io`, `too-large`, `unsupported`, `invalid`, `corrupt`).
 */
export async function importFile(file: string, opts: ImportOptions = {}): Promise<Result<ImportedDocument[]>> {
  try {
    let st;
    try {
      st = await stat(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? err('not-found', `No such file: ${file}`) : err('io', `Cannot read ${file}: ${code ?? String(e)}`);
    }
    if (!st.isFile()) return err('invalid', `${file} is not a regular file.`);
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (st.size > max) return err('too-large', `${path.basename(file)} is ${formatBytes(st.size)}, over the ${formatBytes(max)} import limit.`);
    if (st.size === 0) return err('invalid', `${path.basename(file)} is empty.`);
    const head = await readHead(file, 512);
    const format = detectFormat(file, head, opts.format);
    if (!format.ok) return format;
    const bytes = await readAll(file, st.size);
    return await importBytes(bytes, path.basename(file), opts);
  } catch (e) {
    return err('io', `Import of ${path.basename(file)} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Import bytes whose format is known (`opts.format`) or detected from `name` and content. The
 * same as {@link importFile} without the file system; used by tests, fuzzing and drag-and-drop.
 */
export async function importBytes(bytes: Uint8Array, name: string, opts: ImportOptions = {}): Promise<Result<ImportedDocument[]>> {
  try {
    const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    if (bytes.length > max) return err('too-large', `${name} is ${formatBytes(bytes.length)}, over the ${formatBytes(max)} import limit.`);
    if (bytes.length === 0) return err('invalid', `${name} is empty.`);
    const format = detectFormat(name, bytes.subarray(0, 512), opts.format);
    if (!format.ok) return format;
    const fallbackTitle = name.replace(/\.[^.]+$/, '') || name;
    const finish: FinishOptions = { reflow: opts.reflow, headings: opts.headings, caseNames: opts.splitCases, split: opts.splitCases !== undefined, keepPreamble: opts.keepPreamble };
    if (format.value === 'docx') {
      const parsed = await importDocx(bytes, { timeoutMs: opts.timeoutMs });
      if (!parsed.ok) return parsed;
      const parts = finishImport(parsed.value, 'docx', finish);
      return parts.ok ? ok(toDocuments(parts.value, fallbackTitle)) : parts;
    }
    if (format.value === 'pdf') {
      const parsed = await importPdf(bytes, { timeoutMs: opts.timeoutMs, headings: opts.headings, caseNames: opts.splitCases });
      if (!parsed.ok) return parsed;
      const parts = finishImport(parsed.value, 'pdf', finish);
      return parts.ok ? ok(toDocuments(parts.value, fallbackTitle)) : parts;
    }
    if (format.value === 'qdpx') return err('unsupported', 'REFI-QDA projects are imported with the project merge, not as a document.');
    const decoded = decodeText(bytes);
    if (!decoded.ok) return decoded;
    const textFormat = resolveTextFormat(opts.format ?? format.value);
    const parts = importTextContent(decoded.value.text, textFormat, finish);
    if (!parts.ok) return parts;
    const docs = toDocuments(parts.value, fallbackTitle, decoded.value.encoding);
    // Only a format we chose gets an offer: a user who chose plain text has decided.
    const suggestion = textFormat === 'txt' && opts.format !== 'txt' ? markdownSuggestion(decoded.value.text) : null;
    for (const d of docs) {
      d.warnings.unshift(...decoded.value.warnings);
      if (suggestion) {
        d.warnings.push(suggestion);
        d.suggestedFormat = 'md';
      }
    }
    return ok(docs);
  } catch (e) {
    return err('invalid', `${name} could not be imported: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
