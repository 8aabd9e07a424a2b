/**
 * Backup naming and retention, pure: which copies of `casecoder.json` in `backups/` to keep.
 *
 * A backup's name carries everything the policy needs, so listing a directory is enough:
 * `casecoder-<UTC yyyymmddThhmmssmmmZ>-<reason>-<first 12 hex of sha256>.json`. The hash lets the
 * store skip a backup identical to the newest one and makes same-millisecond names distinct.
 *
 * Policy: keep the newest `keepLast`; plus the newest backup of each of the `keepDaily` most
 * recent UTC days that have backups; plus the newest of each of the `keepMonthly` most recent
 * months; plus every backup whose reason starts with one of `keepReasons` (pre-migration copies
 * are the only copy of the old format). Days and months are counted among those that have
 * backups, not back from today, so a project left alone for a year keeps its history.
 */

/** A backup file, as described by its name. */
export interface BackupRef {
  name: string;
  /** Milliseconds since the epoch (UTC). */
  time: number;
  reason: string;
  /** First 12 hex digits of the SHA-256 of the file's bytes. */
  hash: string;
}

/** How many backups to keep; see the module comment. */
export interface RetentionPolicy {
  keepLast: number;
  keepDaily: number;
  keepMonthly: number;
  keepReasons: readonly string[];
}

/** The default: last 20, one a day for 30 days with backups, one a month for 12 months, all pre-migration copies. */
export const DEFAULT_RETENTION: RetentionPolicy = { keepLast: 20, keepDaily: 30, keepMonthly: 12, keepReasons: ['pre-migration'] };

const NAME = /^casecoder-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z0-9]+(?:-[a-z0-9]+)*)-([0-9a-f]{12})\.json$/;

/** Lower-case a free-text reason into `a-z0-9` words joined by `-`, at most 40 characters ("manual" if empty). */
export function sanitizeReason(reason: string): string {
  const words = reason.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let out = '';
  for (const w of words) {
    const next = out === '' ? w : `${out}-${w}`;
    if (next.length > 40) break;
    out = next;
  }
  return out === '' ? 'manual' : out;
}

/** The file name of a backup taken at `time` (ms, UTC) for `reason`, of bytes whose SHA-256 hex is `sha256`. */
export function backupFileName(time: number, reason: string, sha256: string): string {
  const stamp = new Date(time).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `casecoder-${stamp}-${sanitizeReason(reason)}-${sha256.slice(0, 12).toLowerCase()}.json`;
}

/** Parse a backup file name; null for anything else (temp files, user files), which retention never touches. */
export function parseBackupFileName(name: string): BackupRef | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, reason, hash] = m as unknown as string[];
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  if (Number.isNaN(time)) return null;
  return { name, time, reason: reason as string, hash: hash as string };
}

/** Newest first; ties broken by name so the order is total and stable. */
export function newestFirst(backups: readonly BackupRef[]): BackupRef[] {
  return [...backups].sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** The backups the policy does not keep (never includes one it keeps), newest first. */
export function backupsToPrune(backups: readonly BackupRef[], policy: RetentionPolicy = DEFAULT_RETENTION): BackupRef[] {
  const ordered = newestFirst(backups);
  const keep = new Set<string>();
  ordered.slice(0, Math.max(0, policy.keepLast)).forEach((b) => keep.add(b.name));
  keepNewestPerBucket(ordered, (t) => new Date(t).toISOString().slice(0, 10), policy.keepDaily, keep);
  keepNewestPerBucket(ordered, (t) => new Date(t).toISOString().slice(0, 7), policy.keepMonthly, keep);
  for (const b of ordered) if (policy.keepReasons.some((r) => b.reason.startsWith(r))) keep.add(b.name);
  return ordered.filter((b) => !keep.has(b.name));
}

function keepNewestPerBucket(ordered: readonly BackupRef[], bucketOf: (time: number) => string, buckets: number, keep: Set<string>): void {
  const seen = new Set<string>();
  for (const b of ordered) {
    const bucket = bucketOf(b.time);
    if (seen.has(bucket)) continue;
    if (seen.size >= buckets) break;
    seen.add(bucket);
    keep.add(b.name);
  }
}
