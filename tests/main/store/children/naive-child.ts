/**
 * Negative control for the kill loop: the naive writer every durable store must beat. It rewrites
 * `casecoder.json` in place (open with 'w' truncates, then write; no temp file, no rename, no
 * fsync) after adding each coding, printing `READY <count>` and `ACK n` like commit-child.ts.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectData } from '../../../../src/core/model/types.js';
import { fixtureCoding } from '../../../core/persistence/fixtures.js';

const path = join(process.argv[2] ?? '', 'casecoder.json');
const data = JSON.parse(readFileSync(path, 'utf8')) as ProjectData;
let n = data.codings.length;
console.log(`READY ${n}`);
for (;;) {
  n++;
  data.codings.push(fixtureCoding(n));
  const text = JSON.stringify(data);
  const handle = await open(path, 'w');
  await handle.writeFile(text);
  await handle.close();
  console.log(`ACK ${n}`);
}
