import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { PmNodeJson } from '../../core/model/types.js';
import { assembleRefiImport } from '../../core/refi/assemble.js';
import type { QdeProject, QdeTextSource } from '../../core/refi/qde-model.js';
import { readQde } from '../../core/refi/qde-read.js';
import { stripBom, type SourceText } from '../../core/refi/source-text.js';
import type { RefiImport } from '../../core/refi/types.js';
import { importDocxForRefi } from './docx-hook.js';
import { DEFAULT_ZIP_LIMITS, looksLikeZip, openZip, type SafeZip, type ZipEntry, type ZipLimits } from '../zip/safe-zip.js';

/**
 * Hook for the DOCX importer (src/main/import): turns a `.docx` into a document and its canonical
 * text. Used when a source's plain-text file is empty and the text lives only in the DOCX beside
 * it (NVivo for Mac 15). Without it such sources are reported as not imported.
 */
export type RefiDocxImporter = (bytes: Uint8Array, fileName: string) => Promise<Result<{ doc: PmNodeJson; text: string }>>;

export interface ReadRefiOptions {
  /** Largest file accepted, checked on `stat` before reading (default 1 GiB). */
  maxFileBytes?: number;
  zipLimits?: ZipLimits;
  /** DOCX hook (default: the project's DOCX importer via {@link importDocxForRefi}); `null` turns it off. */
  docxImporter?: RefiDocxImporter | null;
}

const DEFAULT_MAX_FILE = 1024 * 1024 * 1024;

/**
 * Read a `.qdpx` (ZIP), a bare `.qde` or a `.qdc` codebook into a {@link RefiImport}. The kind is
 * recognised from the bytes (ZIP signature, else the XML root), not the extension. Errors are
 * values: `too-large`, `corrupt`, `invalid` (unsafe archive, DOCTYPE, malformed XML), `io`.
 */
export async function readRefiFile(path: string, options: ReadRefiOptions = {}): Promise<Result<RefiImport>> {
  try {
    const info = await stat(path);
    const max = options.maxFileBytes ?? DEFAULT_MAX_FILE;
    if (!info.isFile()) return err('invalid', `${path} is not a file`);
    if (info.size > max) return err('too-large', `${basename(path)} is ${info.size} bytes; at most ${max} are accepted`);
    const bytes = new Uint8Array(await readFile(path));
    return await readRefiBytes(bytes, options);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return err('not-found', `No such file: ${path}`);
    return err('io', `Cannot read ${path}: ${(e as Error).message}`);
  }
}

/** {@link readRefiFile} on bytes already in memory (also the fuzzing entry point). Never throws. */
export async function readRefiBytes(bytes: Uint8Array, options: ReadRefiOptions = {}): Promise<Result<RefiImport>> {
  try {
    if (!looksLikeZip(bytes)) {
      const xml = decodeXml(bytes);
      if (!xml.ok) return xml;
      const qde = readQde(xml.value);
      if (!qde.ok) return qde;
      const texts = resolveTexts(qde.value, null, new Map(), 'the .qde was read on its own, without the archive that holds its source files');
      const refi = assembleRefiImport(qde.value, await texts, qde.value.kind === 'codebook' ? 'qdc' : 'qde');
      return ok(refi);
    }
    const zip = openZip(bytes, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
    if (!zip.ok) return zip;
    const qdeEntry = findQde(zip.value.entries);
    if (!qdeEntry.ok) return qdeEntry;
    const raw = zip.value.read(qdeEntry.value);
    if (!raw.ok) return raw;
    const xml = decodeXml(raw.value);
    if (!xml.ok) return xml;
    const qde = readQde(xml.value);
    if (!qde.ok) return qde;
    if (qde.value.kind !== 'project') return err('invalid', 'The archive holds a codebook, not a project; a .qdpx must hold a <Project>');
    const dir = qdeEntry.value.name.slice(0, qdeEntry.value.name.lastIndexOf('/') + 1);
    const files = sourceFiles(zip.value.entries, dir);
    const texts = await resolveTexts(qde.value, { zip: zip.value, files }, new Map(), '', options.docxImporter === undefined ? importDocxForRefi : (options.docxImporter ?? undefined));
    return ok(assembleRefiImport(qde.value, texts, 'qdpx'));
  } catch (e) {
    return err('invalid', `The REFI-QDA file could not be read: ${(e as Error).message}`);
  }
}

/** The project XML: the single `.qde` nearest the root (any name, any case). */
function findQde(entries: readonly ZipEntry[]): Result<ZipEntry> {
  const qdes = entries.filter((e) => /\.qde$/i.test(e.name));
  if (qdes.length === 0) return err('invalid', 'The archive holds no project XML (.qde file)');
  const depth = (e: ZipEntry): number => e.name.split('/').length;
  const top = Math.min(...qdes.map(depth));
  const candidates = qdes.filter((e) => depth(e) === top);
  if (candidates.length === 1 && candidates[0]) return ok(candidates[0]);
  const named = candidates.find((e) => /(^|\/)project\.qde$/i.test(e.name));
  return named ? ok(named) : err('invalid', `The archive holds several project files (${candidates.map((e) => e.name).join(', ')})`);
}

/** Files by lower-case base name: those in `sources/` (any case) first, then those beside the .qde. */
function sourceFiles(entries: readonly ZipEntry[], dir: string): Map<string, ZipEntry> {
  const map = new Map<string, ZipEntry>();
  const lowerDir = dir.toLowerCase();
  for (const e of entries) {
    const n = e.name.toLowerCase();
    if (n.startsWith(`${lowerDir}sources/`)) map.set(n.slice(lowerDir.length + 8), e);
  }
  for (const e of entries) {
    const n = e.name.toLowerCase();
    if (n.startsWith(lowerDir) && !n.slice(lowerDir.length).includes('/') && !map.has(n.slice(lowerDir.length))) map.set(n.slice(lowerDir.length), e);
  }
  return map;
}

type Archive = { zip: SafeZip; files: Map<string, ZipEntry> } | null;

/** Where a REFI path points: a file inside the archive, or a reason it is not read. */
export function classifyRefiPath(path: string): { internal: string } | { outside: string } {
  const p = path.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/?/i.exec(p);
  if (!scheme) return { internal: p.replace(/^\/+/, '') };
  const rest = p.slice(scheme[0].length).replace(/^\/+/, '');
  const s = scheme[1]?.toLowerCase();
  if (s === 'internal') return { internal: rest };
  if (s === 'relative') return { outside: `relative path "${p}" points outside the archive (relative to the producer's basePath); not read` };
  if (s === 'absolute') return { outside: `absolute path "${p}" points outside the archive; reported, not read` };
  return { outside: `path "${p}" has an unsupported scheme; not read` };
}

async function resolveTexts(qde: QdeProject, archive: Archive, out: Map<string, SourceText>, noArchiveReason: string, docx?: RefiDocxImporter): Promise<Map<string, SourceText>> {
  const all: QdeTextSource[] = [...qde.textSources, ...qde.notes];
  for (const src of all) {
    const plain = src.plainTextPath ?? (src.richTextPath && /\.txt$/i.test(src.richTextPath) ? src.richTextPath : null);
    if (!plain) {
      if (src.inlineText === null) out.set(src.guid, { kind: 'missing', reason: 'the source names no plain-text file and has no inline text' });
      continue;
    }
    const text = readArchiveText(archive, plain, noArchiveReason);
    if (text.kind === 'plain' && text.raw.trim() !== '' && src.element === 'TextSource' && src.richTextPath && /\.docx$/i.test(src.richTextPath) && /^casecoder/i.test(qde.origin)) {
      // Casecoder writes each document's structure as a DOCX beside its plain text: rebuild it.
      const rich = await fromDocx(archive, src.richTextPath, docx, '');
      out.set(src.guid, { ...text, rich: rich.kind === 'doc' ? { doc: rich.doc, text: rich.text, path: src.richTextPath } : { error: rich.kind === 'missing' ? rich.reason : 'not a document', path: src.richTextPath } });
    } else if (text.kind === 'plain' && text.raw.trim() === '' && src.richTextPath && /\.docx$/i.test(src.richTextPath)) {
      out.set(src.guid, await fromDocx(archive, src.richTextPath, docx));
    } else if (text.kind === 'plain' && text.raw.trim() === '') {
      out.set(src.guid, { kind: 'missing', reason: `the plain-text file ${plain} is empty` });
    } else out.set(src.guid, text);
  }
  return out;
}

function readArchiveText(archive: Archive, path: string, noArchiveReason: string): SourceText {
  const where = classifyRefiPath(path);
  if ('outside' in where) return { kind: 'missing', reason: where.outside };
  if (!archive) return { kind: 'missing', reason: `${path}: ${noArchiveReason}` };
  const entry = archive.files.get(where.internal.replace(/^.*\//, '').toLowerCase());
  if (!entry) return { kind: 'missing', reason: `the archive has no file ${where.internal}` };
  const bytes = archive.zip.read(entry);
  if (!bytes.ok) return { kind: 'missing', reason: bytes.error.message };
  const decoded = decodeText(bytes.value);
  return decoded === null ? { kind: 'missing', reason: `${where.internal} is not valid UTF-8 or UTF-16 text` } : { kind: 'plain', raw: decoded, from: 'file' };
}

async function fromDocx(archive: Archive, richPath: string, docx: RefiDocxImporter | undefined, why = 'the plain-text file is empty and '): Promise<SourceText> {
  const where = classifyRefiPath(richPath);
  if (!docx) return { kind: 'missing', reason: `${why}the text is only in ${richPath}; no DOCX importer is wired (ReadRefiOptions.docxImporter)` };
  if ('outside' in where || !archive) return { kind: 'missing', reason: `${why}${richPath} is not in the archive` };
  const entry = archive.files.get(where.internal.replace(/^.*\//, '').toLowerCase());
  if (!entry) return { kind: 'missing', reason: `${why}the archive has no ${where.internal}` };
  const bytes = archive.zip.read(entry);
  if (!bytes.ok) return { kind: 'missing', reason: bytes.error.message };
  const converted = await docx(bytes.value, where.internal);
  if (!converted.ok) return { kind: 'missing', reason: `${why}the DOCX could not be imported: ${converted.error.message}` };
  return { kind: 'doc', text: converted.value.text, doc: converted.value.doc };
}

/** Decode text bytes: UTF-8 (BOM removed), or UTF-16 with a BOM; null when neither fits. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return null;
  }
}

function decodeXml(bytes: Uint8Array): Result<string> {
  const text = decodeText(bytes);
  if (text === null) return err('invalid', 'The REFI-QDA XML is not valid UTF-8 or UTF-16');
  if (!text.trimStart().startsWith('<')) return err('invalid', 'Not a REFI-QDA file: neither a ZIP archive nor XML');
  return ok(text);
}
