import { BINARY_EXPORT_FORMATS, type MatrixExportFormat } from '../../../shared/api/matrix.js';
import type { Command } from '../command.js';
import { usage } from '../io.js';

/** The formats of the CLI contract, plus the heatmap images. */
const FORMATS = ['csv', 'tidy', 'md', 'tex', 'html', 'xlsx', 'docx', 'json', 'svg', 'png'] as const satisfies readonly MatrixExportFormat[];

/**
 * `matrix <dir> [--matrix NAME] [--coder NAME|consensus] [--counts] --format … [-o FILE]`: export a
 * matrix. Text formats go to stdout without `-o`; binary ones (xlsx, docx, png) need `-o` (exit 2
 * otherwise). With `-o` the file is written durably and CSV formats get their manifest next to it
 * as `<FILE>.manifest.json`. The project is opened read-only, so this works while it is open elsewhere.
 */
export const matrixCommand: Command = {
  name: 'matrix',
  usage: 'matrix <dir> [--matrix NAME] [--coder NAME|consensus] [--counts] --format csv|tidy|md|tex|html|xlsx|docx|json|svg|png [-o FILE]',
  options: { matrix: { type: 'string' }, coder: { type: 'string' }, counts: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string', short: 'o' } },
  async run(ctx) {
    if (ctx.positionals.length > 1) usage(`Unexpected argument "${ctx.positionals[1]}"; matrix takes the project folder only`);
    const format = ctx.req('format');
    if (!(FORMATS as readonly string[]).includes(format)) usage(`--format must be one of ${FORMATS.join(', ')}`);
    const f = format as MatrixExportFormat;
    const out = ctx.str('out');
    if (out === '') usage('-o needs a file name');
    if (out === undefined && BINARY_EXPORT_FORMATS.includes(f)) usage(`--format ${f} is binary: write it to a file with -o FILE`);
    const matrix = ctx.str('matrix');
    const coder = ctx.str('coder');
    await ctx.project({ readOnly: true });
    const r = await ctx.call('matrix.export', {
      format: f,
      ...(matrix !== undefined ? { matrix } : {}),
      ...(coder !== undefined ? { coder } : {}),
      ...(ctx.flags['counts'] === true ? { counts: true } : {}),
      ...(out !== undefined ? { outPath: out } : {}),
    });
    if (out === undefined) {
      process.stdout.write(Buffer.from(r.dataBase64 ?? '', 'base64'));
      return;
    }
    const lines = [`Wrote ${r.path} (${r.bytes} bytes)`, ...(r.sidecar ? [`Wrote ${r.sidecar.path} (manifest)`] : [])];
    ctx.print({ path: r.path, format: f, bytes: r.bytes, manifest: r.sidecar?.path ?? null }, lines.join('\n'));
  },
};
