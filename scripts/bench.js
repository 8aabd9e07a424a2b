#!/usr/bin/env node
// `npm run bench`: runs tests/bench/*.bench.ts through tsx (pass names to run a subset).
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
