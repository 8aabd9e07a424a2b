/**
 * The journal entry format: one committed change set per line.
 *
 * A line is `<crc32 as 8 lowercase hex> <JSON>\n`; the checksum covers the exact UTF-8 bytes of
 * the JSON text. The JSON is a {@link JournalEntry}: `seq` is the project revision the entry
 * produces (exactly the previous entry's plus one), `gen` the journal generation (file) it
 * belongs to, so a line can never be mistaken for one of another file. JSON escapes line breaks
 * inside strings, so `\n` only ever ends a line. Pure, so a team server can reuse it.
 */
import { err, ok, type Result } from '../model/result.js';
import { crc32Utf8 } from '../util/crc32.js';
import type { ChangeSet } from './change-set.js';

/** Version of this line format. */
export const JOURNAL_FORMAT = 1;

/** One committed change. */
export interface JournalEntry {
  v: typeof JOURNAL_FORMAT;
  /** The revision this change produces. */
  seq: number;
  /** The journal generation (file) holding the entry. */
  gen: number;
  /** ISO time of the commit (informative; never used for ordering). */
  at: string;
  /** The coder whose action this was, or null (system changes such as default matrices). */
  by: string | null;
  /** What the user did, as menus show it ("Code “Direct diplomacy”", "Undo …"). */
  label: string;
  changes: ChangeSet;
}

/** The line (with its trailing newline) that stores `entry`. */
export function encodeEntry(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${crc32Utf8(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/**
 * Read one line (without its newline). Errors name the problem: a wrong checksum, text that is not
 * an entry, or a line that does not belong (other generation).
 */
export function decodeEntry(line: string, gen: number): Result<JournalEntry> {
  const m = /^([0-9a-f]{8}) (.*)$/s.exec(line);
  if (!m) return err('corrupt', 'not a journal line (no checksum)');
  const json = m[2] as string;
  if (parseInt(m[1] as string, 16) !== crc32Utf8(json)) return err('corrupt', 'checksum mismatch');
  let e: unknown;
  try {
    e = JSON.parse(json);
  } catch {
    return err('corrupt', 'checksum matches but the JSON does not parse');
  }
  const o = e as Partial<JournalEntry> | null;
  if (!o || typeof o !== 'object' || o.v !== JOURNAL_FORMAT || !Number.isInteger(o.seq) || o.gen !== gen || typeof o.label !== 'string' || !o.changes || typeof o.changes !== 'object') {
    return err('corrupt', `not a journal entry of generation ${gen}`);
  }
  const cs = o.changes as Partial<ChangeSet>;
  if (!cs.upsert || typeof cs.upsert !== 'object' || !cs.remove || typeof cs.remove !== 'object') return err('corrupt', 'the entry holds no change set');
  return ok(o as JournalEntry);
}
