/**
 * Kill-loop child: opens the project folder given as argv[2], then commits one fixture coding at a
 * time forever, printing `READY <count>` once open, `TRY n` before and `ACK n` after each
 * acknowledged commit. Stdout to a pipe is synchronous on Linux, so an ACK line the parent reads
 * was printed after the commit resolved. With a second argument k, a compaction is started (not
 * awaited) every k commits, so kills also land while the journal is folded into a new snapshot.
 * Run: node --import tsx commit-child.ts <dir> [k]
 */
import { openProjectFolder } from '../../../../src/main/store/project-store.js';
import { fixtureCoding } from '../../../core/persistence/fixtures.js';

const dir = process.argv[2] ?? '';
const compactEvery = Number(process.argv[3] ?? 0);
const opened = await openProjectFolder(dir);
if (!opened.ok) {
  console.log(`ERROR ${opened.error.code} ${opened.error.message}`);
  process.exit(2);
}
const { store, messages } = opened.value;
if (store.readOnly) {
  console.log(`READONLY ${messages.join(' | ')}`);
  process.exit(3);
}
let n = store.data.codings.length;
console.log(`READY ${n}`);
for (;;) {
  n++;
  console.log(`TRY ${n}`);
  const r = await store.commit({ ...store.data, codings: [...store.data.codings, fixtureCoding(n)] });
  if (!r.ok) {
    console.log(`ERROR ${r.error.code} ${r.error.message}`);
    process.exit(4);
  }
  console.log(`ACK ${n}`);
  if (compactEvery > 0 && n % compactEvery === 0) {
    void store.compact().then((c) => {
      if (!c.ok) {
        console.log(`ERROR ${c.error.code} ${c.error.message}`);
        process.exit(5);
      }
    });
  }
}
