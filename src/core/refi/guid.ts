import { sha256Hex } from '../util/hash.js';

/**
 * GUID handling at the REFI-QDA boundary.
 *
 * Producers differ (braces, upper or lower case, NVivo's hex-ASCII pseudo-GUIDs without version
 * bits), so GUIDs are compared by a normalised key: trimmed, braces removed, lower case. Casecoder
 * ids and REFI GUIDs map onto each other deterministically, so exporting, importing elsewhere and
 * importing back finds the same objects instead of duplicating them.
 */

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ID_WITH_GUID = /^[a-z]+_([0-9a-f]{32})$/;

/** The comparison key of a GUID as written in a file: trimmed, without braces, lower case. */
export function guidKey(raw: string): string {
  return raw
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
}

/** True when the key (see {@link guidKey}) has the 8-4-4-4-12 hex shape the schema requires. */
export function isGuidKey(key: string): boolean {
  return GUID_RE.test(key);
}

/** Format 32 hex digits as an 8-4-4-4-12 GUID. */
function formatGuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The Casecoder id for an imported object: the prefix plus the GUID's 32 hex digits, so that the
 * same GUID always yields the same id (and {@link guidForId} recovers the GUID on export).
 * A malformed GUID key is hashed instead, which is still deterministic.
 */
export function idForGuid(prefix: string, key: string): string {
  const hex = key.replace(/-/g, '');
  return `${prefix}_${/^[0-9a-f]{32}$/.test(hex) ? hex : sha256Hex(`refi-guid:${key}`).slice(0, 32)}`;
}

/**
 * The GUID written for a Casecoder id: the GUID an imported id came from, or a stable GUID
 * derived from the id by SHA-256 (version nibble 8, RFC 9562 variant), lower case.
 */
export function guidForId(id: string): string {
  const m = ID_WITH_GUID.exec(id);
  if (m?.[1]) return formatGuid(m[1]);
  const h = sha256Hex(`casecoder-id:${id}`).slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return formatGuid(h.join(''));
}
