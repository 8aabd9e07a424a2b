#!/usr/bin/env node
// `npm test`: every test CI runs, in order — type checks, lint (ESLint, prettier --check, jscpd), unit/integration tests (vitest
// projects core, main, renderer), then the end-to-end suite in Debian's Chromium. Ends with one
// summary line "Tests: N passed, N failed, N skipped" counted from vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name, ...rest) => join(root, 'node_modules', ...rest, name);
const reports = join(root, '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let failedSteps = [];
function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failedSteps.push(label);
}

const node = process.execPath;
step('type check (core: no DOM, no Node)', node, [bin('tsc', 'typescript', 'bin'), '-p', 'tsconfig.core.json', '--noEmit']);
step('type check (main, tests)', node, [bin('tsc', 'typescript', 'bin'), '-p', 'tsconfig.node.json', '--noEmit']);
step('type check (end-to-end tests)', node, [bin('tsc', 'typescript', 'bin'), '-p', 'tsconfig.e2e.json', '--noEmit']);
step('type check (renderer)', node, [bin('tsc', 'typescript', 'bin'), '-p', 'tsconfig.web.json', '--noEmit']);
step('lint', node, [bin('eslint.js', 'eslint', 'bin'), '.']);
step('format check (prettier)', node, [bin('prettier.cjs', 'prettier', 'bin'), '--check', '.']);
step('duplicate code (jscpd, .jscpd.json)', node, [bin('run-jscpd.js', 'jscpd'), '--silent']);
step('unit and integration tests', node, [bin('vitest.mjs', 'vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`]);
step('end-to-end tests (Chromium)', node, [bin('vitest.mjs', 'vitest'), 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'e2e.json')}`]);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of ['unit.json', 'e2e.json']) {
  const p = join(reports, f);
  if (!existsSync(p)) continue;
  const r = JSON.parse(readFileSync(p, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
if (failedSteps.length && failed === 0) failed = failedSteps.length;
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
