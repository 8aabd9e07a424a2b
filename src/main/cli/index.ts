import { runCli } from './main.js';

// Entry of `casecoder` (bin/casecoder.js loads this through tsx).
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
