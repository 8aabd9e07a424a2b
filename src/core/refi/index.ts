/**
 * REFI-QDA interoperability, pure part: reading `.qde`/`.qdc` XML, converting positions,
 * assembling a {@link RefiImport}, merging it into a project, and building `.qdpx`/`.qdc` content.
 * File and archive handling lives in `src/main/refi`.
 */
export { applyRefiImport, type ApplyRefiOptions, type ApplyRefiReport } from './apply.js';
export { assembleRefiImport } from './assemble.js';
export { buildQdc, buildQdpxParts, CODEBOOK_NS, PROJECT_NS, type QdpxParts, type RefiExportOptions } from './export-project.js';
export { guidForId, guidKey, idForGuid } from './guid.js';
export { canonicalToRefi, detectUnit, positionTable, type PositionUnit, type UnitChoice, type UnitDetection } from './positions.js';
export { readQde } from './qde-read.js';
export { describeApplyReport, describeRefiReport } from './report-text.js';
export type { SourceText } from './source-text.js';
export type * from './types.js';
