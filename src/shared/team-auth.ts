/**
 * What the team server's `/auth/*` routes exchange with the UI (login page, accounts panel, audit
 * view). Every answer is JSON: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`,
 * with the HTTP status telling 400/401/403/404/409/429 apart.
 */

/** A project role on the team server. */
export type TeamRoleName = 'owner' | 'coder' | 'adjudicator' | 'viewer';

/** The signed-in account as the UI sees it. */
export interface TeamMe {
  login: string;
  displayName: string;
  role: TeamRoleName;
  coderId: string | null;
}

/** One account as listed to the owner (never its hash). */
export interface AccountSummary {
  id: string;
  login: string;
  displayName: string;
  role: TeamRoleName;
  coderId: string;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

/** Where comparison is open (coders see each other's work there). */
export interface ComparisonView {
  all: boolean;
  documentIds: string[];
  caseIds: string[];
}

/** One line of the audit view. */
export interface AuditEntry {
  at: string;
  /** The acting account's login, or null (the CLI, a deleted account). */
  who: string | null;
  kind: 'change' | 'account';
  /** The change set's label (`Add coding`) or the event (`account.role`). */
  action: string;
  /** The project revision of a change set; null for account events. */
  rev: number | null;
  /** For a change set: items touched per collection (`{"codings": 2}`); for an event: its details. */
  detail: Record<string, unknown>;
  subject: string | null;
}

/** Error codes of the `/auth/*` routes. */
export type TeamAuthErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'throttled';

export type TeamAuthAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: TeamAuthErrorCode; message: string } };
