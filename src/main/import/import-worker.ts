/**
 * The import worker's entry (a `node:worker_threads` worker started by {@link ./worker-pool.ts}):
 * parses one file per message with {@link importFile} and answers with its Result. Parsing here
 * keeps the service's event loop free, and the pool bounds each parse in time and heap.
 */
import { parentPort } from 'node:worker_threads';
import { importFile, type ImportOptions } from './import-file.js';

/** A request to the worker. */
export interface ImportJob {
  id: number;
  path: string;
  options: ImportOptions;
}

const port = parentPort;
if (port) {
  port.on('message', (job: ImportJob) => {
    void importFile(job.path, job.options).then((result) => port.postMessage({ id: job.id, result }));
  });
  port.postMessage({ ready: true });
}
