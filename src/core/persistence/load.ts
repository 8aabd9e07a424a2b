/**
 * The pure half of opening a project file: text → parse → version check → migrate → validate.
 *
 * The store (src/main/store) reads bytes and acts on the {@link LoadOutcome}; every decision about
 * what the bytes mean is made here, without I/O, so it is unit-tested on plain strings. The same
 * function judges `casecoder.json` and each backup, so "valid" means one thing everywhere.
 */
import type { ProjectData } from '../model/types.js';
import { SCHEMA_VERSION } from '../model/types.js';
import { migrateProject, PROJECT_MIGRATIONS, readVersionHeader, type Migration } from './migrations.js';
import { validateProjectData } from './validate-project.js';

/** What a file's text turned out to be. */
export type LoadOutcome =
  /** Valid at the current schema, after `steps` (empty when the file was already current). */
  | { kind: 'current'; data: ProjectData; fromVersion: number; steps: string[] }
  /**
   * Written by a newer build. `data` is set when it still fits today's shape (then it can be
   * shown read-only); `problem` says why it does not otherwise. Never written back.
   */
  | { kind: 'newer'; version: number; data: ProjectData | null; problem: string | null }
  /** Unparseable, not a Casecoder file, unmigratable, or structurally invalid. */
  | { kind: 'damaged'; problem: string };

/** Options for {@link interpretProjectText}. */
export interface LoadOptions {
  /** Migration registry; defaults to the released {@link PROJECT_MIGRATIONS} (tests pass synthetic ones). */
  migrations?: readonly Migration[];
}

/**
 * Decide what the text of a `casecoder.json` (or a backup of it) holds. A leading byte-order mark
 * is tolerated (editors add one); anything else that `JSON.parse` rejects is damage, including an
 * empty or NUL-filled file.
 */
export function interpretProjectText(text: string, options: LoadOptions = {}): LoadOutcome {
  const target = SCHEMA_VERSION;
  const registry = options.migrations ?? PROJECT_MIGRATIONS;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^[\s\u0000]*$/.test(body)) return { kind: 'damaged', problem: text.length === 0 ? 'the file is empty' : 'the file holds only blank or NUL characters' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    return { kind: 'damaged', problem: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const header = readVersionHeader(parsed);
  if (!header.ok) return { kind: 'damaged', problem: header.error.message };
  const version = header.value.schemaVersion;
  if (version > target) {
    const asToday = validateProjectData(parsed, { anyVersion: true });
    return asToday.ok ? { kind: 'newer', version, data: asToday.value, problem: null } : { kind: 'newer', version, data: null, problem: asToday.error.message };
  }
  const migrated = migrateProject(parsed, target, registry);
  if (!migrated.ok) return { kind: 'damaged', problem: migrated.error.message };
  const valid = validateProjectData(migrated.value.data);
  if (!valid.ok) return { kind: 'damaged', problem: valid.error.message };
  return { kind: 'current', data: valid.value, fromVersion: migrated.value.fromVersion, steps: migrated.value.steps };
}
