import type { Result } from '../model/result.js';
import { err, ok } from '../model/result.js';

/** The WHATWG TextDecoder global (Node 20+, browsers, Electron); declared here because core has no DOM or Node types. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => { decode(input: Uint8Array): string };

/** Text decoded from bytes, with the encoding used and any warning worth showing. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** True when a byte-order mark was present (and removed). */
  bom: boolean;
  warnings: string[];
}

/**
 * Decode the bytes of a text file. Order: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); else strict
 * UTF-8; else, when the bytes do not look binary, windows-1252 with a warning (a common encoding
 * of older transcripts). Binary-looking data (NUL bytes or many control bytes) is refused, as is
 * malformed UTF-16. CRLF and lone CR are normalised to LF. Never throws.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const b2 = bytes[2];
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeWith('utf-8', bytes.subarray(3), true);
    if (b0 === 0xff && b1 === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), true);
    if (b0 === 0xfe && b1 === 0xff) return decodeWith('utf-16be', bytes.subarray(2), true);
  } catch {
    return err('invalid', 'The file starts with a byte-order mark but its text is not valid in that encoding.');
  }
  if (looksBinary(bytes)) return err('unsupported', 'The file looks like binary data, not text.');
  try {
    return decodeWith('utf-8', bytes, false);
  } catch {
    const text = decodeWindows1252(bytes);
    return ok({
      text: normalizeEol(text),
      encoding: 'windows-1252',
      bom: false,
      warnings: ['The file is not valid UTF-8; it was read as Windows-1252 (Western European). Check accented characters.'],
    });
  }
}

function decodeWith(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, bom: boolean): Result<DecodedText> {
  const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  if (encoding !== 'utf-8' && /\u0000/.test(text)) throw new Error('NUL in UTF-16 text');
  return ok({ text: normalizeEol(text), encoding, bom, warnings: [] });
}

function normalizeEol(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Binary heuristic over the first 8 KB: any NUL byte, or more than 10% bytes that are C0 control
 * characters other than tab, LF, CR, form feed and ESC.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] ?? 0;
    if (c === 0) return true;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  return control / n > 0.1;
}

/** The windows-1252 code points for bytes 0x80–0x9F (undefined bytes map to themselves). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decode windows-1252 (a superset of Latin-1 in 0x80–0x9F). Total: every byte maps to a character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    chunk.push(b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b);
    if (chunk.length >= 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}
