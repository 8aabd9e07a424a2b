/**
 * Opened comparisons: the documents (codings, document memos), cases (ratings, case memos) or the
 * whole project whose coder layers the owner or an adjudicator has revealed. Opening is one-way:
 * once coders have seen each other's work, hiding it again would protect nothing.
 */
import type { Db } from './accounts.js';
import { logEvent } from './accounts.js';
import type { ComparisonState } from './visibility.js';

/** The opened comparisons of a project. */
export async function loadComparison(db: Db, projectId: string): Promise<ComparisonState> {
  const r = await db.query('SELECT scope, target_id FROM comparison_open WHERE project_id = $1', [projectId]);
  const documents = new Set<string>();
  const cases = new Set<string>();
  let all = false;
  for (const row of r.rows as { scope: string; target_id: string }[]) {
    if (row.scope === 'all') all = true;
    else if (row.scope === 'document') documents.add(row.target_id);
    else cases.add(row.target_id);
  }
  return { all, documents, cases };
}

/** What to open. */
export interface OpenRequest {
  documentIds?: string[];
  caseIds?: string[];
  all?: boolean;
}

/** Opens comparison for the given documents, cases or everything; returns the new state. */
export async function openComparison(db: Db, projectId: string, req: OpenRequest, actorId: string): Promise<ComparisonState> {
  const rows: [string, string][] = [...(req.documentIds ?? []).map((id): [string, string] => ['document', id]), ...(req.caseIds ?? []).map((id): [string, string] => ['case', id])];
  if (req.all) rows.push(['all', '*']);
  for (const [scope, target] of rows) {
    await db.query('INSERT INTO comparison_open (project_id, scope, target_id, opened_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [projectId, scope, target, actorId]);
  }
  await logEvent(db, projectId, actorId, 'comparison.open', null, { documents: req.documentIds ?? [], cases: req.caseIds ?? [], all: req.all === true });
  return loadComparison(db, projectId);
}
