/**
 * Test-only tools to damage ZIP archives on purpose: rewrite fields of an entry's central
 * directory record (and, where asked, its local header) the way hostile archives do.
 */

export interface CentralRecord {
  /** Offset of the central directory record. */
  at: number;
  name: string;
  headerOffset: number;
}

export function centralRecords(zip: Uint8Array): CentralRecord[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    const n = v.getUint16(p + 28, true);
    const e = v.getUint16(p + 30, true);
    const c = v.getUint16(p + 32, true);
    out.push({ at: p, name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + n)), headerOffset: v.getUint32(p + 42, true) });
    p += 46 + n + e + c;
  }
  return out;
}

export interface Patch {
  flags?: number;
  compressedSize?: number;
  size?: number;
  headerOffset?: number;
  madeBy?: number;
  externalAttrs?: number;
  name?: string;
}

/** A copy of `zip` with the named entry's central record (and the size fields of its local header) patched. */
export function patchEntry(zip: Uint8Array, name: string, patch: Patch): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const rec = centralRecords(out).find((r) => r.name === name);
  if (!rec) throw new Error(`no entry ${name}`);
  const p = rec.at;
  if (patch.madeBy !== undefined) v.setUint16(p + 4, (patch.madeBy << 8) | (v.getUint16(p + 4, true) & 0xff), true);
  if (patch.flags !== undefined) v.setUint16(p + 8, patch.flags, true);
  if (patch.compressedSize !== undefined) {
    v.setUint32(p + 20, patch.compressedSize, true);
    v.setUint32(rec.headerOffset + 18, patch.compressedSize, true);
  }
  if (patch.size !== undefined) {
    v.setUint32(p + 24, patch.size, true);
    v.setUint32(rec.headerOffset + 22, patch.size, true);
  }
  if (patch.externalAttrs !== undefined) v.setUint32(p + 38, patch.externalAttrs, true);
  if (patch.headerOffset !== undefined) v.setUint32(p + 42, patch.headerOffset, true);
  if (patch.name !== undefined) {
    const bytes = new TextEncoder().encode(patch.name);
    if (bytes.length !== v.getUint16(p + 28, true)) throw new Error('patched names must keep their length');
    out.set(bytes, p + 46);
  }
  return out;
}
