/**
 * Adjudication of disagreements between two coders into a consensus coder (pure).
 * `findDisagreements` builds the review queue of a document; `applyDecision` writes one decision
 * with provenance; `acceptAgreements` copies what both coders agreed on.
 */
export { findDisagreements, type Disagreement, type DisagreementKind, type DisagreementQueue } from './disagreements.js';
export {
  acceptAgreements,
  unionSameCode,
  adjudicationProgress,
  applyDecision,
  consensusCoder,
  decidedCodingIds,
  DEFAULT_CONSENSUS_NAME,
  ensureConsensusCoder,
  isDecided,
  rejectedIds,
  type DecisionContext,
  type DecisionRequest,
} from './decide.js';
export { extentParts, nudgeEdge, shortQuote, snapToWords, type ExtentPart, type Span } from './extent.js';
