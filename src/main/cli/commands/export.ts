import type { Command } from '../command.js';
import { usage } from '../io.js';

const FORMATS = ['qdpx', 'qdc'] as const;
const POSITIONS = ['codepoints', 'utf16'] as const;

/**
 * `export <dir> --format qdpx|qdc [--positions codepoints|utf16] -o FILE`: the project as a
 * REFI-QDA project (positions in code points as the standard says, or UTF-16 units for NVivo) or
 * its codebook as a `.qdc`. The project is opened read-only, so exporting works while another
 * process holds it. The file is written durably (temp file, fsync, rename).
 */
export const exportCommand: Command = {
  name: 'export',
  usage: 'export <dir> --format qdpx|qdc [--positions codepoints|utf16] -o FILE   REFI-QDA project or codebook',
  options: {
    format: { type: 'string' },
    positions: { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(ctx) {
    if (ctx.positionals.length > 1) usage(`Unexpected argument "${ctx.positionals[1]}"; export takes the project folder only`);
    const format = ctx.req('format');
    if (!(FORMATS as readonly string[]).includes(format)) usage(`--format must be one of ${FORMATS.join(', ')}`);
    const positions = ctx.str('positions');
    if (positions !== undefined && !(POSITIONS as readonly string[]).includes(positions)) usage(`--positions must be one of ${POSITIONS.join(', ')}`);
    if (positions !== undefined && format === 'qdc') usage('--positions applies to --format qdpx only (a codebook has no text positions)');
    const out = ctx.req('out');
    await ctx.project({ readOnly: true });
    const r = await ctx.call('refi.export', {
      format: format as (typeof FORMATS)[number],
      ...(positions ? { positions: positions as (typeof POSITIONS)[number] } : {}),
      outPath: out,
    });
    const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
    const what =
      format === 'qdpx' ? `${n(r.counts.documents, 'document')}, ${n(r.counts.codes, 'code')}, ${n(r.counts.codings, 'coding')}, positions in ${r.positions === 'utf16' ? 'UTF-16 units' : 'code points'}` : n(r.counts.codes, 'code');
    const lines = [`Wrote ${r.path} (${r.bytes} bytes): ${what}`, ...r.skipped.map((s) => `  not exported: ${s}`)];
    if (r.limits.length > 0) lines.push(`What ${format === 'qdpx' ? 'a .qdpx' : 'a .qdc'} cannot hold:`, ...r.limits.map((l) => `  - ${l}`));
    ctx.print({ path: r.path, format, positions: r.positions, bytes: r.bytes, counts: r.counts, skipped: r.skipped, limits: r.limits }, lines.join('\n'));
  },
};
