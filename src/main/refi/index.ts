/**
 * REFI-QDA files on disk: `readRefiFile` (.qdpx, .qde, .qdc → RefiImport), `writeQdpx` and
 * `writeQdc`. Merge the result into a project with `applyRefiImport` from `src/core/refi`.
 */
export { importDocxForRefi } from './docx-hook.js';
export { classifyRefiPath, readRefiBytes, readRefiFile, type ReadRefiOptions, type RefiDocxImporter } from './read-refi-file.js';
export { DEFAULT_ZIP_LIMITS, openZip, type SafeZip, type ZipLimits } from '../zip/safe-zip.js';
export { writeQdc, writeQdpx } from './write-refi-file.js';
