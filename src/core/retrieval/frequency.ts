import { documentLabels } from '../agreement/format.js';
import type { Id, ProjectData } from '../model/types.js';
import type { Result } from '../model/result.js';
import { codeCaseCounts, coOccurrence, type CodeCaseCounts, type CoOccurrenceRule, type CoOccurrenceTable } from '../matrix/counts.js';

/**
 * Code frequency tables for the retrieval view. They reuse the matrix area's counting functions
 * (one definition of "a passage of a code" across the app): per case directly, per document by
 * treating each document as its own case.
 */

/** Codes × cases: coded passages, descendants rolled up unless `includeChildren` is false. */
export function frequencyByCase(data: ProjectData, opts: { coderIds?: Id[]; includeChildren?: boolean } = {}): Result<CodeCaseCounts> {
  return codeCaseCounts(data, { ...(opts.coderIds?.length ? { coderIds: opts.coderIds } : {}), includeDescendants: opts.includeChildren !== false });
}

/**
 * Codes × documents: as {@link frequencyByCase}, with one column per document, titled by the
 * document (plus a short id where two documents share a title).
 */
export function frequencyByDocument(data: ProjectData, opts: { coderIds?: Id[]; includeChildren?: boolean } = {}): Result<CodeCaseCounts> {
  const labels = documentLabels(data.documents, 6);
  const asCases: ProjectData = {
    ...data,
    cases: data.documents.map((d) => ({ id: d.id, name: labels.get(d.id) ?? d.title, attributes: {} })),
    documents: data.documents.map((d) => ({ ...d, caseId: d.id })),
  };
  return frequencyByCase(asCases, opts);
}

/** Code co-occurrence (codings that overlap, or share a paragraph), per coder, summed. */
export function coOccurrenceTable(data: ProjectData, opts: { rule: CoOccurrenceRule; texts?: ReadonlyMap<Id, string>; coderIds?: Id[] }): Result<CoOccurrenceTable> {
  return coOccurrence(data, { rule: opts.rule, ...(opts.texts ? { texts: opts.texts } : {}), ...(opts.coderIds?.length ? { coderIds: opts.coderIds } : {}) });
}
