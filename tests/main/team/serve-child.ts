/**
 * The team server in a child process, for the kill -9 test: `DB_URL` and `PORT` from the
 * environment, the tests' permissive auth stand-in. Prints `listening <port>` when ready.
 */
import { createPool } from '../../../src/main/team/db.js';
import { startTeamServer } from '../../../src/main/team/team-server.js';
import { permissiveAuth } from './fixture.js';

const url = process.env.DB_URL as string;
const server = await startTeamServer({ pool: createPool(url, 10), dbUrl: url, auth: permissiveAuth(), staticDir: null, appVersion: 'test', port: Number(process.env.PORT) });
process.stdout.write(`listening ${server.port}\n`);
