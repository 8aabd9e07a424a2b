/**
 * The state one team server's auth half keeps: its options, the password hasher, the database
 * pool and the opened comparisons (cached in memory, because the contract's filters are
 * synchronous; every opening goes through this process and updates the cache).
 */
import type { IncomingMessage } from 'node:http';
import type { Pool } from 'pg';
import type { ComparisonView } from '../../../shared/team-auth.js';
import type { Viewer } from '../auth-contract.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionLifetimes } from './sessions.js';
import type { ThrottleLimits } from './throttle.js';
import type { ComparisonState } from './visibility.js';

/** Options after defaults were applied. */
export interface ResolvedAuthOptions {
  /** The project of requests that name none (the one `casecoder serve` shows). */
  projectId: string;
  trustProxy: boolean;
  lifetimes: SessionLifetimes;
  throttle: ThrottleLimits;
}

/** What the routes and the contract's methods share. */
export interface AuthRuntime {
  pool: Pool;
  options: ResolvedAuthOptions;
  hasher: PasswordHasher;
  /** Normalised origins a browser may send state-changing requests from. */
  allowedOrigins: readonly string[];
  /** True behind TLS: the cookie is `__Host-` prefixed and Secure. */
  secure: boolean;
  /** Opened comparisons per project (loaded when a viewer of the project is first authenticated). */
  comparisons: Map<string, ComparisonState>;
  /** The opened comparisons of `projectId` (none known yet: nothing open, which hides the most). */
  comparisonOf(projectId: string): ComparisonState;
  comparisonView(projectId: string): ComparisonView;
  /** The project a request is about: its `x-casecoder-project` header (`team:<id>`), else the server's default. */
  projectOf(req: IncomingMessage): string;
  /** The viewer of the request's session in `projectId` (default: {@link projectOf}); null without a live session or membership there. */
  authenticate(req: IncomingMessage, projectId?: string): Promise<Viewer | null>;
  /** Called after comparison opened (the server core re-sends project views to coders). */
  onComparisonOpened?: (state: ComparisonState, projectId: string) => void;
  log(line: string): void;
}
