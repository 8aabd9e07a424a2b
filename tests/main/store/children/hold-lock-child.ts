/**
 * Opens the project folder argv[2] writable, prints `READY <pid> <readOnly>` and holds it (and its
 * lock) until stdin closes; then closes the store and exits.
 */
import { openProjectFolder } from '../../../../src/main/store/project-store.js';

const opened = await openProjectFolder(process.argv[2] ?? '');
if (!opened.ok) {
  console.log(`ERROR ${opened.error.message}`);
  process.exit(2);
}
console.log(`READY ${process.pid} ${opened.value.store.readOnly}`);
process.stdin.resume();
process.stdin.on('end', () => {
  void opened.value.store.close().then(() => process.exit(0));
});
