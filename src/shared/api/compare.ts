import type { AgreementResult, Comparison, ComparisonUnit, ReportFormat } from '../../core/agreement/index.js';
import type { DecisionRequest } from '../../core/adjudication/index.js';
import type { MergeReport } from '../../core/merge/types.js';
import type { Id } from '../../core/model/types.js';
import type { Mutation } from './base.js';

/** What to compare: coders, codes and documents (all when omitted), the unit and its options. */
export interface AgreementRequest {
  coderIds: Id[];
  /** Codes compared (default: every code of the codebook). */
  codeIds?: Id[];
  /** Documents compared (default: every document). */
  documentIds?: Id[];
  unit: ComparisonUnit;
  /** Segment level: minimum overlap |A∩B|/|A∪B| (default 0.9). */
  overlapThreshold?: number;
  /** Document level: presence (default) or frequency. */
  documentCriterion?: 'presence' | 'frequency';
  /** Bootstrap intervals for alpha (per code and pooled). */
  bootstrap?: { samples: number; seed: number; confidence?: number };
  /** Attach contingency / coincidence tables (default true). */
  withTables?: boolean;
  /** Keep the reliability data behind each figure (default true; the CLI's JSON drops it). */
  withData?: boolean;
}

/** `agreement --data`: a reliability-data file's text and the coefficient to compute. */
export interface MetricRequest {
  text: string;
  format?: 'auto' | 'csv' | 'json';
  metric: string;
  level?: string;
  /** mean-pairwise (default) | all-agree | pairable. */
  percentDefinition?: string;
  /** Gwet's AC1/AC2 weights (identity | linear | quadratic | ordinal), overriding the level's. */
  weights?: string;
  /** Declared categories: a number (q, for Brennan–Prediger) or labels in order. */
  categories?: number | string[];
  bootstrap?: { samples: number; seed: number; confidence?: number };
  withTable?: boolean;
}

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

/** Merging coders, agreement, adjudication (issue 5). Owned by that area; the composition lives in `../api.ts`. */
export interface CompareOps {
  'agreement.compute': { args: AgreementRequest; result: Comparison };
  'agreement.report': { args: AgreementRequest & { format: ReportFormat }; result: { text: string; fileName: string; mime: string } };
  'agreement.metric': { args: MetricRequest; result: AgreementResult };
  /** Merge another project folder (read only), a `.qdpx` or a coder-export file, by path. */
  'merge.run': { args: { path: string }; result: Mutation<MergeReport> };
  /** Browser mode: the bytes of a `.qdpx` or coder-export file (base64). */
  'merge.upload': { args: { name: string; dataBase64: string }; result: Mutation<MergeReport> };
  /** Write (with `path`) or return the coder-export file of the given coders. */
  'merge.exportCoder': { args: { coderIds: Id[]; path?: string }; result: { fileName: string; json: string; path: string | null } };
  'merge.reports': { args: Record<string, never>; result: MergeReportSummary[] };
  'merge.report': { args: { id: string }; result: MergeReport };
  /** Merge a report's kept-aside work again (e.g. after importing the missing documents). */
  'merge.retry': { args: { id: string }; result: Mutation<MergeReport> };
  /** Mark a report resolved (its kept-aside items stay in the file). */
  'merge.resolve': { args: { id: string }; result: MergeReportSummary };
  'adjudication.decide': { args: DecisionRequest; result: Mutation<{ consensusCoderId: Id; codingIds: Id[] }> };
  'adjudication.acceptAgreements': { args: { documentId: Id; coderA: Id; coderB: Id; codeIds?: Id[] }; result: Mutation<{ consensusCoderId: Id; copied: number }> };
}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const COMPARE_OPERATIONS = [
  'agreement.compute',
  'agreement.report',
  'agreement.metric',
  'merge.run',
  'merge.upload',
  'merge.exportCoder',
  'merge.reports',
  'merge.report',
  'merge.retry',
  'merge.resolve',
  'adjudication.decide',
  'adjudication.acceptAgreements',
] as const satisfies readonly (keyof CompareOps)[];
