#!/usr/bin/env node
// The `casecoder` command. Runs the TypeScript CLI through tsx's loader, so it works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/index.ts');
