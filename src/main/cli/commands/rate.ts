import { findCase } from '../../../core/cases/cases.js';
import { findMatrix } from '../../../core/matrix/matrix-ops.js';
import { scalePoint } from '../../../core/matrix/scale.js';
import { findCoder } from '../../../core/model/project.js';
import type { Command } from '../command.js';
import { CliExit, EXIT_DOMAIN } from '../io.js';
import { resolveCode } from '../resolve.js';

/**
 * `rate <dir> --matrix NAME --case C --column PATH --value LABEL --coder NAME [--note T]`: one
 * coder's judgement of one matrix cell. Everything is checked before anything is written (a new
 * coder is registered only for a valid rating). `--coder consensus` (or the consensus coder's
 * name) records an adjudicated rating with provenance, creating the consensus coder on first use. A rating keeps the evidence the cell already cites.
 */
export const rateCommand: Command = {
  name: 'rate',
  usage: 'rate <dir> --matrix NAME --case C --column PATH --value LABEL --coder NAME [--note T]',
  options: { matrix: { type: 'string' }, case: { type: 'string' }, column: { type: 'string' }, value: { type: 'string' }, coder: { type: 'string' }, note: { type: 'string' } },
  async run(ctx) {
    const [matrixRef, caseRef, columnRef, valueRef, coderName] = ['matrix', 'case', 'column', 'value', 'coder'].map((f) => ctx.req(f)) as [string, string, string, string, string];
    const note = ctx.str('note');
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
    const cell = { matrixId: matrix.id, caseId: kase.id, codeId: code.id, value: point.label, ...(note !== undefined ? { note } : {}) };
    const existing = findCoder(data, coderName);
    // "consensus" (or the consensus coder's name) records an adjudicated rating; the consensus coder is created on first use.
    const consensus = existing ? existing.consensus === true : coderName.trim().toLowerCase() === 'consensus';
    const rating = consensus
      ? (await ctx.call('rating.adjudicate', cell)).value
      : (await ctx.call('rating.set', { ...cell, coderId: (await ctx.call('coder.use', { name: coderName })).value })).value;
    const coder = existing?.name ?? (consensus ? 'Consensus' : coderName.trim());
    ctx.print(
      { id: rating.id, matrix: matrix.name, case: kase.name, column: columnRef, coder, value: rating.value, note: rating.note, evidence: rating.evidence.length, ...(rating.provenance ? { decision: rating.provenance.decision } : {}) },
      `${matrix.name}: ${kase.name} × ${columnRef} = ${rating.value} (${coder}${consensus && coder.toLowerCase() !== 'consensus' ? ', consensus' : ''})${rating.note ? ` — ${rating.note}` : ''}`,
    );
  },
};
