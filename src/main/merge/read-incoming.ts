/**
 * Reading the other side of a merge: another project folder (opened read-only: no lock, no
 * backup, no migration commit — nothing is written to it), a coder-export file, or a REFI-QDA
 * `.qdpx`/`.qde` (read by `src/main/refi`). The kind is recognised from the content.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseCoderExport } from '../../core/merge/coder-export.js';
import type { IncomingWork, MergeSourceInfo } from '../../core/merge/types.js';
import { err, ok, type Result } from '../../core/model/result.js';
import type { RefiImport } from '../../core/refi/types.js';
import { readRefiBytes } from '../refi/read-refi-file.js';
import { isProjectDir, openProjectFolder } from '../store/project-store.js';

/** Largest coder-export or exchange file accepted (checked on stat). */
export const MAX_MERGE_FILE = 512 * 1024 * 1024;

export type Incoming = { source: MergeSourceInfo; work: IncomingWork } | { source: MergeSourceInfo; refi: RefiImport };

/** Read another project folder's work without writing to it. */
export async function readProjectWork(dir: string): Promise<Result<IncomingWork>> {
  const opened = await openProjectFolder(dir, { readOnly: true });
  if (!opened.ok) return opened;
  const { data } = opened.value.store;
  await opened.value.store.close();
  return ok({ coders: data.coders, codebook: data.codebook, documents: data.documents.map((d) => ({ id: d.id, title: d.title, textHash: d.textHash, chars: d.chars })), codings: data.codings });
}

/** Read bytes of a file given to merge: a coder export (JSON) or a REFI-QDA file. */
export async function readIncomingBytes(bytes: Uint8Array, name: string, path?: string): Promise<Result<Incoming>> {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!zip && head.startsWith('{')) {
    const e = parseCoderExport(new TextDecoder('utf-8').decode(bytes));
    if (!e.ok) return e;
    return ok({ source: { kind: 'coder-export', name, ...(path ? { path } : {}) }, work: e.value });
  }
  if (zip || head.startsWith('<')) {
    const refi = await readRefiBytes(bytes);
    if (!refi.ok) return refi;
    return ok({ source: { kind: 'qdpx', name, ...(path ? { path } : {}) }, refi: refi.value });
  }
  return err('unsupported', `${name} is neither a project folder, a coder-export file nor a .qdpx`);
}

/** Read whatever `path` names: a project folder, a coder-export file or a REFI-QDA file. */
export async function readIncoming(path: string): Promise<Result<Incoming>> {
  const full = resolve(path);
  let info;
  try {
    info = await stat(full);
  } catch {
    return err('not-found', `No such file or folder: ${path}`);
  }
  if (info.isDirectory()) {
    if (!isProjectDir(full)) return err('invalid', `${path} is a folder but not a Casecoder project (no casecoder.json)`);
    const work = await readProjectWork(full);
    if (!work.ok) return work;
    return ok({ source: { kind: 'project', name: basename(full), path: full }, work: work.value });
  }
  if (info.size > MAX_MERGE_FILE) return err('too-large', `${basename(full)} is ${info.size} bytes; at most ${MAX_MERGE_FILE} are accepted`);
  try {
    return await readIncomingBytes(new Uint8Array(await readFile(full)), basename(full), full);
  } catch (e) {
    return err('io', `Cannot read ${path}: ${(e as Error).message}`);
  }
}
