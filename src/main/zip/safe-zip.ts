import { Inflate } from 'fflate';
import { err, ok, type Result } from '../../core/model/result.js';
import { crc32 } from '../../core/util/crc32.js';

/**
 * A defensive ZIP reader for untrusted archives: `.qdpx`, DOCX and XLSX (the one zip reader).
 *
 * It reads the central directory itself so that every limit is checked BEFORE anything is
 * inflated (OWASP ASVS 5.0 V5.2.3): entry count, declared sizes, total, compression ratio,
 * overlapping or out-of-bounds entries, encryption, symlinks, zip64 and multi-disk archives, and
 * entry names (zip slip: `..`, absolute, drive letters, backslashes, NUL). Entry names are only
 * ever used as lookup keys, never as paths. Inflating writes into a buffer of the declared size and
 * stops the moment the output passes it (a lying header), and the CRC-32 is verified.
 */

export interface ZipLimits {
  maxEntries: number;
  /** Sum of declared uncompressed sizes. */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest allowed uncompressed/compressed ratio, for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/** An opened archive: its vetted entries, and a reader that inflates one entry on demand. */
export interface SafeZip {
  entries: ZipEntry[];
  read(entry: ZipEntry): Result<Uint8Array>;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;

/** True when the bytes start like a ZIP archive (local file header or empty-archive EOCD). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Why an entry name is unsafe, or null when it is a plain relative name. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.length > 1024) return 'a name longer than 1024 characters';
  if (name.includes('\0')) return 'a NUL character';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.split('/').some((seg) => seg === '..')) return 'a ".." segment';
  return null;
}

/** Open an archive held in memory, checking every limit before any entry is inflated. */
export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<SafeZip> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => view.getUint16(o, true);
  const u32 = (o: number): number => view.getUint32(o, true);
  let eocd = -1;
  for (let o = bytes.length - 22; o >= Math.max(0, bytes.length - 22 - 0xffff); o--) {
    if (u32(o) === EOCD_SIG) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return err('corrupt', 'Not a readable ZIP archive: no end-of-central-directory record');
  const disk = u16(eocd + 4);
  const cdDisk = u16(eocd + 6);
  const count = u16(eocd + 10);
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || u16(eocd + 8) !== count) return err('unsupported', 'Multi-disk ZIP archives are not supported');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return err('unsupported', 'ZIP64 archives are not supported (a .qdpx is far below 4 GB)');
  if (count > limits.maxEntries) return err('too-large', `The archive has ${count} entries; at most ${limits.maxEntries} are accepted`);
  if (cdOffset + cdSize > eocd) return err('corrupt', 'The ZIP central directory lies outside the archive');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(p) !== CDH_SIG) return err('corrupt', `ZIP central directory entry ${i + 1} is damaged`);
    const madeBy = u16(p + 4) >> 8;
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc32 = u32(p + 16);
    const compressedSize = u32(p + 20);
    const size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const external = u32(p + 38);
    const headerOffset = u32(p + 42);
    if (p + 46 + nameLen > eocd) return err('corrupt', `ZIP central directory entry ${i + 1} is damaged`);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    const bad = unsafeEntryName(name);
    if (bad) return err('invalid', `Unsafe entry name in the archive (${bad}): ${JSON.stringify(name.slice(0, 120))}`);
    if (names.has(name.toLowerCase())) return err('invalid', `The archive holds two entries named ${JSON.stringify(name)}`);
    names.add(name.toLowerCase());
    if (flags & 1) return err('unsupported', `Entry ${name} is encrypted`);
    if (madeBy === 3 && ((external >>> 16) & 0o170000) === 0o120000) return err('invalid', `Entry ${name} is a symbolic link`);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) return err('unsupported', `Entry ${name} uses compression method ${method}; only stored and deflate are supported`);
    if (size > limits.maxEntryBytes) return err('too-large', `Entry ${name} declares ${size} bytes; at most ${limits.maxEntryBytes} are accepted`);
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxRatio) {
      return err('too-large', `Entry ${name} would expand ${Math.round(size / Math.max(1, compressedSize))}-fold; at most ${limits.maxRatio}-fold is accepted (zip bomb?)`);
    }
    if (method === 0 && size !== compressedSize) return err('corrupt', `Stored entry ${name} has different compressed and uncompressed sizes`);
    total += size;
    if (total > limits.maxTotalBytes) return err('too-large', `The archive expands to more than ${limits.maxTotalBytes} bytes`);
    entries.push({ name, method, crc32, compressedSize, size, headerOffset });
  }

  // Every entry's data must lie inside the archive, before the directory, without overlap.
  const spans: { from: number; to: number; name: string }[] = [];
  for (const e of entries) {
    const o = e.headerOffset;
    if (o + 30 > cdOffset || u32(o) !== LFH_SIG) return err('corrupt', `The local header of ${e.name} is missing or damaged`);
    const to = o + 30 + u16(o + 26) + u16(o + 28) + e.compressedSize;
    if (to > cdOffset) return err('corrupt', `The data of ${e.name} overflows the archive`);
    spans.push({ from: o, to, name: e.name });
  }
  spans.sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev && cur && cur.from < prev.to) return err('invalid', `Entries ${prev.name} and ${cur.name} overlap (zip bomb?)`);
  }

  const read = (e: ZipEntry): Result<Uint8Array> => {
    const start = e.headerOffset + 30 + u16(e.headerOffset + 26) + u16(e.headerOffset + 28);
    const raw = bytes.subarray(start, start + e.compressedSize);
    let out: Uint8Array;
    try {
      if (e.method === 0) out = raw.slice();
      else {
        const inflated = inflateWithin(raw, e.size);
        if (!inflated) return err('corrupt', `Entry ${e.name} inflates past its declared size (${e.size} bytes): its header lies`);
        out = inflated;
      }
    } catch (x) {
      return err('corrupt', `Entry ${e.name} cannot be inflated: ${(x as Error).message}`);
    }
    if (out.length !== e.size) return err('corrupt', `Entry ${e.name} does not match its declared size (${e.size} bytes)`);
    if (crc32(out) !== e.crc32) return err('corrupt', `Entry ${e.name} fails its CRC-32 check`);
    return ok(out);
  };
  return ok({ entries, read });
}

export { crc32 };

/**
 * Inflate `raw` in small steps, stopping as soon as the output passes `size` (null then): a header
 * that declares a small size cannot make us inflate the rest (a 10 MB lying DOCX took minutes).
 */
function inflateWithin(raw: Uint8Array, size: number): Uint8Array | null {
  const out = new Uint8Array(size);
  let at = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    if (at + chunk.length > size) over = true;
    else {
      out.set(chunk, at);
      at += chunk.length;
    }
  });
  const STEP = 4096;
  for (let o = 0; o < raw.length && !over; o += STEP) inflater.push(raw.subarray(o, o + STEP), o + STEP >= raw.length);
  if (raw.length === 0) inflater.push(raw, true);
  return over ? null : out.subarray(0, at);
}

/**
 * Open an archive within `limits` and inflate every entry that `keep` accepts (all by default)
 * into a map by entry name: one call for DOCX and XLSX, which need every part at once. Every check
 * of {@link openZip} applies first; a lying size or a bad CRC fails the whole archive.
 */
export function readZipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, keep: (name: string) => boolean = () => true): Result<Map<string, Uint8Array>> {
  const zip = openZip(bytes, limits);
  if (!zip.ok) return zip;
  const out = new Map<string, Uint8Array>();
  for (const e of zip.value.entries) {
    if (!keep(e.name)) continue;
    const data = zip.value.read(e);
    if (!data.ok) return data;
    out.set(e.name, data.value);
  }
  return ok(out);
}
