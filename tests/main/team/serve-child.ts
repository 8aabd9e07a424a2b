/**
 * The team server in a child process, for the kill -9 test, with the tests' permissive auth
 * stand-in. It loads everything, prints `loaded`, and starts when a line with the database URL
 * arrives on stdin (`PORT` from the environment), then prints `listening <port>`. Loading takes
 * seconds on a busy machine, so the test starts its children early and has them take over at once.
 */
import { createInterface } from 'node:readline';
import { createPool } from '../../../src/main/team/db.js';
import { startTeamServer } from '../../../src/main/team/team-server.js';
import { permissiveAuth } from './fixture.js';

process.stdout.write('loaded\n');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const url = ((await lines.next()).value as string | undefined)?.trim();
if (!url) throw new Error('no database URL on stdin');
const server = await startTeamServer({ pool: createPool(url, 10), dbUrl: url, auth: permissiveAuth(), staticDir: null, appVersion: 'test', port: Number(process.env.PORT) });
process.stdout.write(`listening ${server.port}\n`);
