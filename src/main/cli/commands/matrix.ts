import { statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FORMATS, exportFormatInfo, isExportFormat } from '../../../core/export/formats.js';
import type { Command } from '../command.js';
import { usage } from '../io.js';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `matrix <dir> [--matrix NAME] [--coder NAME|consensus|all] [--counts] --format … [--bom] [--standalone] [-o FILE|DIR]`:
 * export a matrix. Text formats go to stdout without `-o`; binary ones (xlsx, docx, png) need `-o`
 * (exit 2 otherwise). `-o` naming an existing folder writes the file there under the export
 * file-name scheme (project, matrix, coder or unit, date). With `-o` the file is written durably and
 * CSV formats get their manifest next to it as `<FILE>.manifest.json`. `--format tidy` holds every
 * coder unless `--coder` picks one. Warnings (characters LaTeX cannot set) go to stderr. The project
 * is opened read-only, so this works while it is open elsewhere.
 */
export const matrixCommand: Command = {
  name: 'matrix',
  usage: `matrix <dir> [--matrix NAME] [--coder NAME|consensus|all] [--counts] --format ${EXPORT_FORMATS.join('|')} [--bom] [--standalone] [-o FILE|DIR]`,
  options: {
    matrix: { type: 'string' },
    coder: { type: 'string' },
    counts: { type: 'boolean' },
    format: { type: 'string' },
    bom: { type: 'boolean' },
    standalone: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 1) usage(`Unexpected argument "${ctx.positionals[1]}"; matrix takes the project folder only`);
    const f = ctx.req('format');
    if (!isExportFormat(f)) usage(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const out = ctx.str('out');
    if (out === '') usage('-o needs a file name');
    if (out === undefined && exportFormatInfo(f).binary) usage(`--format ${f} is binary: write it to a file with -o FILE`);
    const bom = ctx.flags['bom'] === true;
    const standalone = ctx.flags['standalone'] === true;
    if (bom && exportFormatInfo(f).ext !== 'csv') usage('--bom applies to the CSV formats (csv, tidy)');
    if (standalone && f !== 'tex') usage('--standalone applies to --format tex');
    const matrix = ctx.str('matrix');
    const coder = ctx.str('coder');
    await ctx.project({ readOnly: true });
    const args = {
      format: f,
      ...(matrix !== undefined ? { matrix } : {}),
      ...(coder !== undefined ? { coder } : {}),
      ...(ctx.flags['counts'] === true ? { counts: true } : {}),
      ...(bom ? { bom: true } : {}),
      ...(standalone ? { standalone: true } : {}),
    };
    // -o DIR: ask for the bytes first to learn the scheme's file name, then write there.
    const target = out !== undefined && isDirectory(out) ? join(out, (await ctx.call('matrix.export', args)).fileName) : out;
    const r = await ctx.call('matrix.export', { ...args, ...(target !== undefined ? { outPath: target } : {}) });
    for (const w of r.warnings) ctx.io.err(`Warning: ${w}`);
    if (target === undefined) {
      process.stdout.write(Buffer.from(r.dataBase64 ?? '', 'base64'));
      return;
    }
    const lines = [`Wrote ${r.path} (${r.bytes} bytes)`, ...(r.sidecar ? [`Wrote ${r.sidecar.path} (manifest)`] : [])];
    ctx.print({ path: r.path, format: f, bytes: r.bytes, manifest: r.sidecar?.path ?? null, warnings: r.warnings }, lines.join('\n'));
  },
};
