/**
 * The append-only journal beside `casecoder.json`: `journal-<generation>.jsonl`, one committed
 * change set per line (format: core/ops/journal-entry.ts).
 *
 * Writing ({@link JournalWriter}): a line is acknowledged only after it was written and the file
 * fdatasync'd. Appends that arrive while a write is in flight are grouped: one write and one
 * fdatasync for the whole group (group commit; the fsync latency is the batching window, no
 * timer). Any write or sync error fails the writer for good: a failed fsync is never retried
 * (whether the bytes reached the disk is unknown), and the store must be reopened from disk.
 *
 * Reading ({@link readJournal}): lines are accepted while checksum, generation and sequence hold.
 * A bad *last* line (torn by a crash: partial, NUL-filled, wrong checksum) was never acknowledged
 * and is reported as a torn tail; a bad line followed by more data is damage.
 */
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEntry, type JournalEntry } from '../../core/ops/journal-entry.js';
import { errnoCode } from './durable-write.js';

/** File name of journal generation `gen`. */
export function journalName(gen: number): string {
  return `journal-${gen}.jsonl`;
}

/** The generations of the journal files in `dir`, ascending. */
export async function listJournals(dir: string): Promise<number[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  return names
    .map((n) => /^journal-(\d+)\.jsonl$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The two calls a journal writer makes on its file (a test can wrap them to check their order). */
export interface JournalFile {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

interface Waiter {
  bytes: Buffer;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** Largest group written with one fdatasync (a bulk change does not delay small ones much). */
const GROUP_BYTES = 1 << 20;

/** Appends lines durably with group commit; see the module comment. */
export class JournalWriter {
  #file: JournalFile;
  #pending: Waiter[] = [];
  #flushing = false;
  #failed: Error | null = null;
  #bytes: number;
  #queued: number;
  #lines: number;
  /** fdatasync calls made (for benchmarks and tests of group commit). */
  syncs = 0;

  constructor(
    file: JournalFile,
    readonly gen: number,
    bytes = 0,
    lines = 0,
  ) {
    this.#file = file;
    this.#bytes = bytes;
    this.#queued = bytes;
    this.#lines = lines;
  }

  /** Open (creating if needed) `dir/journal-<gen>.jsonl` for appending after `bytes` valid bytes. */
  static async open(dir: string, gen: number, bytes = 0, lines = 0): Promise<JournalWriter> {
    const handle = await fsp.open(join(dir, journalName(gen)), 'a');
    return new JournalWriter(handle, gen, bytes, lines);
  }

  /** Bytes in the file (acknowledged lines only). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes the file will hold once every queued and in-flight append is written. */
  get queuedBytes(): number {
    return this.#queued;
  }

  /** Lines in the file. */
  get lines(): number {
    return this.#lines;
  }

  /** The error that failed this writer, or null. */
  get failed(): Error | null {
    return this.#failed;
  }

  /** Append `line` (ending in `\n`); resolves once it is durable, rejects if it may not be. */
  append(line: string): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise<void>((resolve, reject) => {
      const bytes = Buffer.from(line, 'utf8');
      this.#queued += bytes.length;
      this.#pending.push({ bytes, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  /** Resolves when nothing is pending or in flight. */
  async idle(): Promise<void> {
    while (this.#flushing) await new Promise((r) => setImmediate(r));
  }

  /** Wait for pending appends, then close the file. */
  async close(): Promise<void> {
    await this.idle();
    await this.#file.close().catch(() => undefined);
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#pending.length > 0) {
        const group: Waiter[] = [];
        let size = 0;
        while (this.#pending.length > 0 && (group.length === 0 || size + (this.#pending[0] as Waiter).bytes.length <= GROUP_BYTES)) {
          const w = this.#pending.shift() as Waiter;
          group.push(w);
          size += w.bytes.length;
        }
        const buf =
          group.length === 1
            ? (group[0] as Waiter).bytes
            : Buffer.concat(
                group.map((w) => w.bytes),
                size,
              );
        try {
          let off = 0;
          while (off < buf.length) {
            const { bytesWritten } = await this.#file.write(buf, off, buf.length - off);
            if (bytesWritten <= 0) throw new Error('the journal write made no progress');
            off += bytesWritten;
          }
          await this.#file.datasync();
          this.syncs++;
        } catch (e) {
          this.#failed = new Error(`the journal could not be written (${e instanceof Error ? e.message : String(e)}); nothing after the last saved change was kept`);
          for (const w of [...group, ...this.#pending.splice(0)]) w.reject(this.#failed);
          return;
        }
        this.#bytes += size;
        this.#lines += group.length;
        for (const w of group) w.resolve();
      }
    } finally {
      this.#flushing = false;
    }
  }
}

/** What a journal file holds. */
export interface JournalRead {
  gen: number;
  entries: JournalEntry[];
  /** Bytes up to the end of the last good line. */
  goodBytes: number;
  /** Size of the file. */
  size: number;
  /** The unacknowledged tail that was cut off (a torn last line), or null. */
  torn: string | null;
  /** Damage before the last line: a bad line followed by more data. */
  damage: string | null;
}

/**
 * Read `dir/journal-<gen>.jsonl`. Entries must continue from revision `after` (their `seq` is
 * `after + 1`, `after + 2`, …); see the module comment for torn tails and damage. `decode` is
 * replaceable only so a test can show what a reader without the checksum would accept.
 */
export async function readJournal(dir: string, gen: number, after: number, decode: typeof decodeEntry = decodeEntry): Promise<JournalRead> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(join(dir, journalName(gen)));
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return { gen, entries: [], goodBytes: 0, size: 0, torn: null, damage: null };
    throw e;
  }
  const entries: JournalEntry[] = [];
  let pos = 0;
  let seq = after;
  const strict = new TextDecoder('utf-8', { fatal: true });
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    const end = nl < 0 ? buf.length : nl;
    let problem: string | null = null;
    let entry: JournalEntry | null = null;
    if (nl < 0) problem = 'an incomplete line';
    else {
      let text = '';
      try {
        text = strict.decode(buf.subarray(pos, end));
      } catch {
        problem = 'bytes that are not UTF-8';
      }
      if (!problem) {
        const d = decode(text, gen);
        if (!d.ok) problem = d.error.message;
        else if (d.value.seq !== seq + 1) problem = `revision ${d.value.seq} where ${seq + 1} was expected`;
        else entry = d.value;
      }
    }
    if (!entry) {
      const rest = buf.subarray(nl < 0 ? buf.length : nl + 1);
      // Only NULs or nothing after the bad line: it is the torn tail of a crash.
      const last = rest.every((b) => b === 0 || b === 0x0a);
      const where = `line ${entries.length + 1} of ${journalName(gen)}`;
      return last ? { gen, entries, goodBytes: pos, size: buf.length, torn: `${where} (${problem})`, damage: null } : { gen, entries, goodBytes: pos, size: buf.length, torn: null, damage: `${where}: ${problem}` };
    }
    entries.push(entry);
    seq = entry.seq;
    pos = end + 1;
  }
  return { gen, entries, goodBytes: pos, size: buf.length, torn: null, damage: null };
}
