/**
 * The coder-export file: a small JSON file one coder can email to another. It holds that coder's
 * codings (with exact/prefix/suffix so they can be re-found), the codebook, and each document's
 * text hash and title — never document content. Format tag + version so a future build can read
 * or refuse it explicitly:
 *
 * ```json
 * { "format": "casecoder-coder-export", "version": 1, "exportedAt": "…",
 *   "project": { "id": "…", "name": "…", "codebookVersion": 3 },
 *   "coders": [{ "id": "…", "name": "Ana" }], "codebook": [Code…],
 *   "documents": [{ "id": "…", "title": "…", "textHash": "…", "chars": 12345 }],
 *   "codings": [Coding…] }
 * ```
 */
import { err, ok, type Result } from '../model/result.js';
import type { Id, ProjectData } from '../model/types.js';
import { validateProjectData } from '../persistence/validate-project.js';
import type { IncomingWork } from './types.js';

export const CODER_EXPORT_FORMAT = 'casecoder-coder-export';
export const CODER_EXPORT_VERSION = 1;

/** A parsed coder-export file. */
export interface CoderExport extends IncomingWork {
  format: typeof CODER_EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  project: { id: Id; name: string; codebookVersion: number };
}

/**
 * Build the export of `coderIds`' work: their codings, the whole codebook and the documents those
 * codings are in (plus every document, so the receiver sees what the sender had). Unknown coder
 * ids are an `invalid` error.
 */
export function buildCoderExport(data: ProjectData, coderIds: readonly Id[], exportedAt: string): Result<CoderExport> {
  if (coderIds.length === 0) return err('invalid', 'Choose at least one coder to export');
  const coders = [];
  for (const id of coderIds) {
    const c = data.coders.find((x) => x.id === id);
    if (!c) return err('invalid', `No coder with id ${id}`);
    coders.push(c);
  }
  const chosen = new Set(coderIds);
  return ok({
    format: CODER_EXPORT_FORMAT,
    version: CODER_EXPORT_VERSION,
    exportedAt,
    project: { id: data.project.id, name: data.project.name, codebookVersion: data.project.codebookVersion },
    coders,
    codebook: data.codebook,
    documents: data.documents.map((d) => ({ id: d.id, title: d.title, textHash: d.textHash, chars: d.chars })),
    codings: data.codings.filter((g) => chosen.has(g.coderId)),
  });
}

/** A file name for an export: `<project>-<coders>.casecoder-coder.json`, safe on every OS. */
export function coderExportFileName(e: CoderExport): string {
  const safe = (s: string) =>
    s
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'x';
  return `${safe(e.project.name)}-${e.coders.map((c) => safe(c.name)).join('-')}.casecoder-coder.json`;
}

/** True when parsed JSON claims to be a coder export (used to recognise files by content). */
export function looksLikeCoderExport(value: unknown): boolean {
  return !!value && typeof value === 'object' && (value as { format?: unknown }).format === CODER_EXPORT_FORMAT;
}

/**
 * Parse and validate a coder-export file. Errors: `invalid` (not JSON, wrong format tag, a field of
 * the wrong shape — named), `newer-version` (written by a newer build).
 */
export function parseCoderExport(text: string): Result<CoderExport> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return err('invalid', `The coder export is not valid JSON: ${(e as Error).message}`);
  }
  if (!looksLikeCoderExport(value)) return err('invalid', `Not a coder export (expected "format": "${CODER_EXPORT_FORMAT}")`);
  const o = value as Record<string, unknown>;
  if (typeof o.version !== 'number' || !Number.isInteger(o.version)) return err('invalid', 'The coder export has no version');
  if (o.version > CODER_EXPORT_VERSION) return err('newer-version', `The coder export is version ${o.version}; this build reads version ${CODER_EXPORT_VERSION}. Update Casecoder.`);
  const p = o.project as Record<string, unknown> | undefined;
  if (!p || typeof p.id !== 'string' || typeof p.name !== 'string') return err('invalid', 'The coder export has no project id and name');
  if (!Array.isArray(o.documents)) return err('invalid', 'The coder export has no "documents" array');
  const docs: IncomingWork['documents'] = [];
  for (const [i, d] of (o.documents as unknown[]).entries()) {
    const r = d as Record<string, unknown> | null;
    if (!r || typeof r.id !== 'string' || typeof r.title !== 'string' || typeof r.textHash !== 'string' || !/^[0-9a-f]{64}$/.test(r.textHash) || typeof r.chars !== 'number') {
      return err('invalid', `documents[${i}]: expected {id, title, textHash (64 hex), chars}`);
    }
    docs.push({ id: r.id, title: r.title, textHash: r.textHash, chars: r.chars });
  }
  // Coders, codes and codings have the project model's shapes: check them with the project validator.
  const shell = {
    format: 'casecoder',
    schemaVersion: 1,
    project: { id: p.id, name: p.name, created: '', codebookVersion: typeof p.codebookVersion === 'number' ? p.codebookVersion : 0 },
    coders: o.coders,
    codebook: o.codebook,
    attributeDefs: [],
    cases: [],
    documents: [],
    codings: o.codings,
    matrices: [],
    ratings: [],
    memos: [],
  };
  const valid = validateProjectData(shell);
  if (!valid.ok) return err('invalid', `The coder export is damaged: ${valid.error.message}`);
  return ok({
    format: CODER_EXPORT_FORMAT,
    version: o.version,
    exportedAt: typeof o.exportedAt === 'string' ? o.exportedAt : '',
    project: { id: p.id, name: p.name, codebookVersion: shell.project.codebookVersion },
    coders: valid.value.coders,
    codebook: valid.value.codebook,
    documents: docs,
    codings: valid.value.codings,
  });
}
