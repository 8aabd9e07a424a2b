import { findCase } from '../../../core/cases/cases.js';
import { resolveEvidenceRefs } from '../../../core/matrix/evidence.js';
import { findMatrix } from '../../../core/matrix/matrix-ops.js';
import { scalePoint } from '../../../core/matrix/scale.js';
import { findCoder } from '../../../core/model/project.js';
import type { Command } from '../command.js';
import type { CliContext } from '../context.js';
import { CliExit, EXIT_DOMAIN, fromError } from '../io.js';
import { resolveCode } from '../resolve.js';

/**
 * `rate --adopt-agreed`: fill the consensus with every cell on which the independent coders agree
 * (one undo step), and report what was filled and what was left, with why.
 */
async function adoptAgreed(ctx: CliContext): Promise<void> {
  const matrixRef = ctx.req('matrix');
  for (const f of ['case', 'column', 'value', 'note', 'evidence']) if (ctx.flags[f] !== undefined) throw new CliExit(2, `--adopt-agreed takes --matrix only, not --${f}`);
  const { data } = await ctx.project();
  const matrices = (await ctx.call('matrix.list', {})).value;
  const matrix = findMatrix({ ...data, matrices }, matrixRef);
  if (!matrix) throw new CliExit(EXIT_DOMAIN, `No matrix "${matrixRef}" (have: ${matrices.map((m) => m.name).join(', ') || 'none'})`);
  const r = (await ctx.call('rating.adoptAgreed', { matrixId: matrix.id })).value;
  const why = { disagree: 'coders disagree', 'not-rated-by-all': 'not every coder rated it', 'already-decided': 'consensus already decided' } as const;
  const human = [
    `${matrix.name}: adopted ${r.adopted} agreed rating${r.adopted === 1 ? '' : 's'} into the consensus; left ${r.left.length} cell${r.left.length === 1 ? '' : 's'}.`,
    ...r.filled.map((c) => `  filled  ${c.case} × ${c.column} = ${c.value}`),
    ...r.left.map((c) => `  left    ${c.case} × ${c.column}: ${why[c.reason ?? 'disagree']} (${c.value})`),
  ];
  ctx.print({ matrix: matrix.name, adopted: r.adopted, filled: r.filled, left: r.left }, human.join('\n'));
}

/**
 * `rate <dir> --matrix NAME --case C --column PATH --value LABEL --coder NAME [--note T] [--evidence REF…]`:
 * one coder's judgement of one matrix cell. Everything is checked before anything is written (a new
 * coder is registered only for a valid rating). `--coder consensus` (or the consensus coder's
 * name) records an adjudicated rating with provenance, creating the consensus coder on first use.
 * `--evidence` (repeatable) cites coded passages of the cell by coding id or by a quote they
 * contain; without it a rating keeps the evidence the cell already cites. `--adopt-agreed` (with
 * `--matrix` only) fills the consensus where the coders agree instead.
 */
export const rateCommand: Command = {
  name: 'rate',
  usage: 'rate <dir> --matrix NAME --case C --column PATH --value LABEL --coder NAME [--note T] [--evidence ID|QUOTE]… | rate <dir> --matrix NAME --adopt-agreed',
  options: {
    matrix: { type: 'string' },
    case: { type: 'string' },
    column: { type: 'string' },
    value: { type: 'string' },
    coder: { type: 'string' },
    note: { type: 'string' },
    evidence: { type: 'string', multiple: true },
    'adopt-agreed': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.flags['adopt-agreed'] === true) return adoptAgreed(ctx);
    const [matrixRef, caseRef, columnRef, valueRef, coderName] = ['matrix', 'case', 'column', 'value', 'coder'].map((f) => ctx.req(f)) as [string, string, string, string, string];
    const note = ctx.str('note');
    const evidenceRefs = Array.isArray(ctx.flags['evidence']) ? (ctx.flags['evidence'] as string[]) : undefined;
    const { data } = await ctx.project();
    const matrices = (await ctx.call('matrix.list', {})).value;
    const matrix = findMatrix({ ...data, matrices }, matrixRef);
    if (!matrix) throw new CliExit(EXIT_DOMAIN, `No matrix "${matrixRef}" (have: ${matrices.map((m) => m.name).join(', ') || 'none'})`);
    const kase = findCase(data, caseRef);
    if (!kase) throw new CliExit(EXIT_DOMAIN, `No case "${caseRef}"${data.cases.length ? ` (cases: ${data.cases.map((c) => c.name).join(', ')})` : '; add it first with: casecoder case <dir> add NAME'}`);
    const code = resolveCode(data, columnRef);
    if (!matrix.columns.includes(code.id)) throw new CliExit(EXIT_DOMAIN, `"${columnRef}" is not a column of matrix "${matrix.name}"`);
    if (matrix.rows.length > 0 && !matrix.rows.includes(kase.id)) throw new CliExit(EXIT_DOMAIN, `Case "${kase.name}" is not a row of matrix "${matrix.name}"`);
    const point = scalePoint(matrix, valueRef);
    if (point.kind !== 'scale' && point.kind !== 'not-applicable') {
      throw new CliExit(EXIT_DOMAIN, `"${valueRef}" is not on the scale of "${matrix.name}" (${[...matrix.scale, matrix.notApplicable].join(', ')})`);
    }
    const existing = findCoder(data, coderName);
    let evidence: string[] | undefined;
    if (evidenceRefs) {
      const ids = resolveEvidenceRefs(data, kase.id, code.id, evidenceRefs, existing?.id);
      if (!ids.ok) throw fromError(ids.error);
      evidence = ids.value;
    }
    const cell = { matrixId: matrix.id, caseId: kase.id, codeId: code.id, value: point.label, ...(note !== undefined ? { note } : {}), ...(evidence ? { evidence } : {}) };
    // "consensus" (or the consensus coder's name) records an adjudicated rating; the consensus coder is created on first use.
    const consensus = existing ? existing.consensus === true : coderName.trim().toLowerCase() === 'consensus';
    const rating = consensus ? (await ctx.call('rating.adjudicate', cell)).value : (await ctx.call('rating.set', { ...cell, coderId: (await ctx.call('coder.use', { name: coderName })).value })).value;
    const coder = existing?.name ?? (consensus ? 'Consensus' : coderName.trim());
    ctx.print(
      { id: rating.id, matrix: matrix.name, case: kase.name, column: columnRef, coder, value: rating.value, note: rating.note, evidence: rating.evidence.length, ...(rating.provenance ? { decision: rating.provenance.decision } : {}) },
      `${matrix.name}: ${kase.name} × ${columnRef} = ${rating.value} (${coder}${consensus && coder.toLowerCase() !== 'consensus' ? ', consensus' : ''})${rating.note ? ` — ${rating.note}` : ''}`,
    );
  },
};
