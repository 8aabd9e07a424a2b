/** Merge on the Node side: reading the other side, and durable merge reports in `merges/`. */
export { listMergeReports, MERGES_DIR, readMergeReport, replaceMergeReport, reportIdFor, writeNewMergeReport } from './merge-reports.js';
export { mergeIntoSession } from './run-merge.js';
export { MAX_MERGE_FILE, readIncoming, readIncomingBytes, readProjectWork, type Incoming } from './read-incoming.js';
