/**
 * The owner's audit view: who changed what and when. Two sources, merged newest first: the
 * change log (`change_sets`, one row per committed change set with its author) and account and
 * access events (`auth_events`: accounts added, roles changed, comparison opened — of this
 * project — and sign-ins of its members).
 */
import type { AuditEntry } from '../../../shared/team-auth.js';
import type { Db } from './accounts.js';

export type { AuditEntry };

/** The newest `limit` audit entries older than `before` (ISO time; all when omitted). */
export async function auditEntries(db: Db, projectId: string, limit: number, before?: string): Promise<AuditEntry[]> {
  const cutoff = before ?? 'infinity';
  const events = await db.query(
    `SELECT e.at, u.login, e.action, e.subject, e.detail FROM auth_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.at < $1::timestamptz
        AND (e.project_id = $3 OR (e.project_id IS NULL AND e.actor_id IN (SELECT user_id FROM memberships WHERE project_id = $3)))
      ORDER BY e.at DESC, e.id DESC LIMIT $2`,
    [cutoff, limit, projectId],
  );
  const out: AuditEntry[] = events.rows.map((r) => ({ at: (r.at as Date).toISOString(), who: r.login, kind: 'account', action: r.action, rev: null, detail: r.detail, subject: r.subject }));
  const hasLog = await db.query(`SELECT to_regclass('change_sets') IS NOT NULL AS present`);
  if (hasLog.rows[0].present) {
    const changes = await db.query(
      `SELECT c.created_at, u.login, c.label, c.rev, c.keys FROM change_sets c LEFT JOIN users u ON u.id = c.author
        WHERE c.project_id = $1 AND c.created_at < $2::timestamptz ORDER BY c.rev DESC LIMIT $3`,
      [projectId, cutoff, limit],
    );
    for (const r of changes.rows) {
      const counts: Record<string, number> = {};
      for (const k of r.keys as string[]) {
        const collection = k.slice(0, k.indexOf('/'));
        counts[collection] = (counts[collection] ?? 0) + 1;
      }
      out.push({ at: (r.created_at as Date).toISOString(), who: r.login, kind: 'change', action: r.label, rev: Number(r.rev), detail: counts, subject: null });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : (b.rev ?? 0) - (a.rev ?? 0))).slice(0, limit);
}
