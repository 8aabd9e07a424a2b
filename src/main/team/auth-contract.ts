/**
 * The seam between the team server core (`src/main/team/`) and its accounts, sessions and
 * blind-visibility rules (`src/main/team/auth/`). The core calls only these functions; the auth
 * half implements them. Every read that leaves the server — REST results, SSE events, exports,
 * pulls — passes through `filterProject` or `filterChangeSet` of the viewer who asked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeSet } from '../../core/ops/change-set.js';
import type { ProjectData } from '../../core/model/types.js';

/** A project role on the team server. */
export type TeamRole = 'owner' | 'coder' | 'adjudicator' | 'viewer';

/**
 * The authenticated user a request acts for, in one project: `role` is their role there.
 * `coderId` links the account to its coder layer.
 */
export interface Viewer {
  userId: string;
  login: string;
  role: TeamRole;
  coderId: string | null;
  /** The project this role holds in (absent: the server's default project). */
  projectId?: string;
}

/** Outcome of an authorization check for one API operation. */
export type MayCall = { ok: true } | { ok: false; status: 403; message: string };

/** What the server core needs from the auth half. */
export interface TeamAuth {
  /**
   * The viewer behind this request's session in project `projectId` (roles are per project), or
   * null: no live session, or no membership in that project. Without `projectId`: the project the
   * request names, else the server's default.
   */
  authenticate(req: IncomingMessage, projectId?: string): Promise<Viewer | null>;
  /**
   * True when the request has a live session, whatever its memberships: `authenticate` returned
   * null because the account is no member of the project asked about (the core answers 404, not
   * 401). Absent: every null from `authenticate` is a 401.
   */
  hasSession?(req: IncomingMessage): Promise<boolean>;
  /** False when a state-changing request fails the CSRF checks (the core answers 403). */
  checkCsrf(req: IncomingMessage): boolean;
  /**
   * The part of a change set this viewer may see, or null when nothing is visible. `before`, when
   * given, is the project the change applied to (the core passes it where it has it).
   */
  filterChangeSet(viewer: Viewer, cs: ChangeSet, before?: ProjectData): ChangeSet | null;
  /** The project as this viewer may see it (other coders' layers removed while blind). */
  filterProject(viewer: Viewer, p: ProjectData): ProjectData;
  /**
   * True when `op` only reads. The core runs such a call over `filterProject(viewer, project)`
   * (a read-only copy), so counts, frequencies, exports and Passages of a blind viewer hold only
   * what they may see. Absent: every call runs over the whole project.
   */
  isRead?(op: string): boolean;
  /** Whether this viewer may call API operation `op` with `args` (`project`: its current state, when known). */
  mayCall(viewer: Viewer, op: string, args: unknown, project?: ProjectData): MayCall;
  /** Handles `/auth/*` routes (login, logout, accounts); true when it answered the request. */
  handleAuthRoute(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Calls `listener` each time comparison opens on a project (more becomes visible to its blind viewers). */
  onComparisonOpened?(listener: (projectId: string) => void): void;
}
