/**
 * The durable project store: the public entry point of `src/main/store`.
 *
 * A project is a folder: `casecoder.json` (the snapshot of the {@link ProjectData}, rewritten at
 * compaction), `journal-<gen>.jsonl` (the change sets committed since, one fdatasync'd line each),
 * `sources/<id>.json` (immutable content),
 * `backups/` (rotated, verified copies) and `.lock` (single writer; a second opener is read-only).
 * See docs/ARCHITECTURE.md and research/reliability-security.md §2 for the reasoning.
 */
export { ProjectStore, type CommitRequest, type SnapshotMarker } from './store.js';
export { createProjectFolder, isProjectDir, openProjectFolder, PROJECT_FILE, type OpenedProject, type OpenOptions } from './open-project.js';
export { BACKUP_DIR, listBackups } from './backups.js';
export { SOURCES_DIR } from './source-files.js';
export { LOCK_FILE, type LockHolder } from './project-lock.js';
