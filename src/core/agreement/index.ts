/**
 * Public API of the agreement engine (pure, dependency-free). See research/agreement.md for the
 * definitions and the vector file for the published values each function reproduces.
 */
export * from './types.js';
export { buildDomain, compareValues, REASON_TEXT, type Domain } from './values.js';
export { coincidenceMatrix, coincidenceTable, type Coincidence } from './coincidence.js';
export { krippendorffAlpha, distanceMatrix, type AlphaOptions, type Distance } from './alpha.js';
export { cohenKappa, scottPi, brennanPrediger2, pairwiseCohen, contingencyOf, contingencyTable, dataFromContingency, kappaFromTable, type Contingency, type KappaOptions } from './kappa.js';
export { percentAgreement, meanPairwiseAgreement, DEFAULT_PERCENT_DEFINITION, PERCENT_DEFINITIONS, type PercentDefinition } from './percent.js';
export { fleissKappa, fleissFromCounts, brennanPrediger, categoryCounts, type FleissResult, type FleissOptions } from './fleiss.js';
export { gwetAC, agreementWeightMatrix, linearizedCoefficient, fleissInterval, AGREEMENT_WEIGHTS, type AgreementWeights, type GwetOptions, type Linearized } from './gwet.js';
export { tInterval, DEFAULT_CONFIDENCE } from './interval.js';
export { bootstrapAlpha, quantile, type BootstrapOptions } from './bootstrap.js';
export { seededRandom, type Random } from './prng.js';
export { PHI, type Continuum, type Segment } from './continuum.js';
export { alphaU1995, sectionDistance, type AlphaU1995Result } from './alpha-u-1995.js';
export { unitizingAlphas, type UnitizingAlphas } from './u-alpha.js';
export { characterUnits, paragraphRanges, paragraphUnits, documentUnit, type CoderRange } from './segments.js';
export { matchSegments, overlapRatio, type SegmentMatch } from './segment-match.js';
export { compareCodings, figureInterval, type Comparison, type ComparisonFigures, type ComparisonUnit, type CompareOptions, type DocumentExtent, type PairComparison } from './compare.js';
export { CAVEAT_TEXT, presenceCaveats, type FigureCaveat } from './caveats.js';
export { parseCsv, parseReliabilityCsv, parseReliabilityJson, parseReliabilityData, reliabilityCsv } from './parse-data.js';
export { computeMetric, METRICS, LEVELS, type MetricName, type MetricOptions } from './dispatch.js';
export { renderAgreementReport, escapeHtml, type ReportFormat, type ReportInput } from './report.js';
export { formatFigure, documentLabels } from './format.js';
