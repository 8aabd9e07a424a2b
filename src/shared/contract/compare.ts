import type { AgreementResult, Comparison, ConfidenceInterval } from '../../core/agreement/index.js';
import type { MergeReport } from '../../core/merge/types.js';
import type { Id } from '../../core/model/types.js';
import { z } from 'zod';
import { DECISIONS } from '../../core/model/project-schema.js';
import type { Mutation } from './project.js';
import { op, returns } from './declare.js';
import { bootstrap, id, ids, name, offset, projectDir, upload, writePath } from './fields.js';

/** Comparing coders: agreement, merging another coder's work, adjudicating disagreements. */

/** What to compare: coders, codes and documents (all when omitted), the unit and its options. */
const agreementFields = {
  coderIds: ids,
  /** Codes compared (default: every code of the codebook). */
  codeIds: ids.optional(),
  /** Documents compared (default: every document). */
  documentIds: ids.optional(),
  unit: z.enum(['character', 'segment', 'paragraph', 'document']),
  /** Segment level: minimum overlap |A∩B|/|A∪B| (default 0.9). */
  overlapThreshold: z.number().min(0).max(1).optional(),
  /** Document level: presence (default) or frequency. */
  documentCriterion: z.enum(['presence', 'frequency']).optional(),
  /** Bootstrap intervals for alpha (per code and pooled). */
  bootstrap: bootstrap.optional(),
  /** Attach contingency / coincidence tables (default true). */
  withTables: z.boolean().optional(),
  /** Keep the reliability data behind each figure (default true; the CLI's JSON drops it). */
  withData: z.boolean().optional(),
};
const agreementRequest = z.strictObject(agreementFields);
/** What to compare: coders, codes and documents (all when omitted), the unit and its options. */
export type AgreementRequest = z.output<typeof agreementRequest>;

/**
 * One figure's bootstrap interval on demand: the comparison `agreementFields` describe, and the
 * figure — a code's alpha over all documents compared, or the pooled alpha (`codeId: null`);
 * `bootstrap` is required.
 */
const intervalRequest = z.strictObject({ ...agreementFields, codeId: id.nullable() });
/** One figure's bootstrap interval on demand. */
export type IntervalRequest = z.output<typeof intervalRequest>;

/** `agreement --data`: a reliability-data file's text and the coefficient to compute. */
const metricRequest = z.strictObject({
  text: z.string().max(100_000_000),
  format: z.enum(['auto', 'csv', 'json']).optional(),
  metric: name(80),
  level: name(80).optional(),
  /** mean-pairwise (default) | all-agree | pairable. */
  percentDefinition: name(80).optional(),
  /** Gwet's AC1/AC2 weights (identity | linear | quadratic | ordinal), overriding the level's. */
  weights: name(80).optional(),
  /** Declared categories: a number (q, for Brennan–Prediger) or labels in order. */
  categories: z.union([z.number().int().min(1).max(1_000_000), z.array(name()).max(100_000)]).optional(),
  bootstrap: bootstrap.optional(),
  withTable: z.boolean().optional(),
});
/** `agreement --data`: a reliability-data file's text and the coefficient to compute. */
export type MetricRequest = z.output<typeof metricRequest>;

/** A merge report as listed in the UI. */
export interface MergeReportSummary {
  id: string;
  at: string;
  source: MergeReport['source'];
  added: MergeReport['added'];
  matched: MergeReport['matched'];
  keptAside: number;
  missingDocuments: number;
  renamedCodes: number;
  resolved: boolean;
}

/** The compare operations. */
export const COMPARE_OPS = {
  'agreement.compute': op(agreementRequest, returns<Comparison>()),
  'agreement.report': op(z.strictObject({ ...agreementFields, format: z.enum(['md', 'html', 'csv']) }), returns<{ text: string; fileName: string; mime: string }>()),
  /**
   * The bootstrap interval of one figure's alpha, equal to the one `agreement.compute` attaches with
   * the same `bootstrap`; null when no replicate has a defined alpha. The Compare view asks for
   * the point estimates first and then for the intervals figure by figure.
   */
  'agreement.interval': op(intervalRequest, returns<{ codeId: Id | null; interval: ConfidenceInterval | null }>()),
  'agreement.metric': op(metricRequest, returns<AgreementResult>()),
  /**
   * Merge another project folder (read only), a `.qdpx` or a coder-export file, by path. A project
   * folder is chosen like one to open (browser mode: under the roots); files are uploads there.
   */
  'merge.run': op(z.strictObject({ path: projectDir }), returns<Mutation<MergeReport>>()),
  /** Browser mode: the bytes of a `.qdpx` or coder-export file (base64). */
  'merge.upload': op(upload, returns<Mutation<MergeReport>>()),
  /** Write (with `path`) or return the coder-export file of the given coders. */
  'merge.exportCoder': op(z.strictObject({ coderIds: ids, path: writePath.optional() }), returns<{ fileName: string; json: string; path: string | null }>()),
  'merge.reports': op(z.strictObject({}), returns<MergeReportSummary[]>()),
  'merge.report': op(z.strictObject({ id }), returns<MergeReport>()),
  /** Merge a report's kept-aside work again (e.g. after importing the missing documents). */
  'merge.retry': op(z.strictObject({ id }), returns<Mutation<MergeReport>>()),
  /** Mark a report resolved (its kept-aside items stay in the file). */
  'merge.resolve': op(z.strictObject({ id }), returns<MergeReportSummary>()),
  'adjudication.decide': op(
    z.strictObject({
      documentId: id,
      fromCodingIds: ids,
      decision: z.enum(DECISIONS),
      keep: ids.optional(),
      edit: z.strictObject({ start: offset, end: offset, codeId: id }).optional(),
    }),
    returns<Mutation<{ consensusCoderId: Id; codingIds: Id[] }>>(),
  ),
  'adjudication.acceptAgreements': op(z.strictObject({ documentId: id, coderA: id, coderB: id, codeIds: ids.optional() }), returns<Mutation<{ consensusCoderId: Id; copied: number }>>()),
};
