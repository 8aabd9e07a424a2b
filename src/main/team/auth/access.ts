/**
 * `mayCall`: whether a viewer may call an operation with these arguments. Three fences, in order:
 * the role's capability (capabilities.ts), no path into the server's file system, and blind
 * coding — a blind viewer naming another coder (or another coder's item) gets 403, whether or not
 * that coder or item exists, so the answer reveals nothing. Reads naming no coder are allowed:
 * the core runs them over the viewer's filtered project.
 */
import type { MayCall, Viewer } from '../auth-contract.js';
import type { ProjectData } from '../../../core/model/types.js';
import { capabilityOf, ROLES_WITH, SERVER_PATH_ARGS } from './capabilities.js';
import { isBlind, itemVisible, type ComparisonState } from './visibility.js';

/** Argument keys (at any depth) that name a coder's layer. */
export const CODER_ARGS: readonly string[] = ['coderId', 'coderIds', 'fromCoderIds', 'coder'];

/**
 * Operations a blind viewer may not call at all: merge reports live outside the project data, so
 * the viewer's filtered project does not filter them.
 */
export const UNFILTERABLE_FOR_BLIND: ReadonlySet<string> = new Set(['merge.reports', 'merge.report']);

/**
 * Operations that cover every coder when no coder is named. The server core runs every read of a
 * blind viewer over their filtered project (`isRead`), so for them "every coder" is what they
 * may see: their own work, plus others' where comparison is open.
 */
export const DEFAULTS_TO_EVERY_CODER: ReadonlySet<string> = new Set([
  'retrieval.passages',
  'retrieval.export',
  'retrieval.cooccurrence',
  'rating.disagreements',
  'rating.agreement',
  'rating.adoptAgreed',
  'rating.adjudicate',
  'matrix.export',
  'matrix.exportCodeCase',
  'matrix.exportCoOccurrence',
]);

/** Operations that default to the caller's own coder when none is named (safe as they are). */
export const DEFAULTS_TO_OWN_CODER: ReadonlySet<string> = new Set(['matrix.view', 'matrix.evidence', 'rating.set']);

/** Operations addressing one coding by `id` (they must be the caller's own). */
const CODING_BY_ID: ReadonlySet<string> = new Set(['coding.update', 'coding.remove']);

const deny = (message: string): MayCall => ({ ok: false, status: 403, message });

/** Every string value under `keys`, at any depth of `args`. */
function collect(args: unknown, keys: readonly string[], out: string[] = []): string[] {
  if (Array.isArray(args)) {
    for (const a of args) collect(a, keys, out);
  } else if (args !== null && typeof args === 'object') {
    for (const [k, v] of Object.entries(args)) {
      if (keys.includes(k)) {
        if (typeof v === 'string') out.push(v);
        else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
      } else collect(v, keys, out);
    }
  }
  return out;
}

function hasKey(args: unknown, keys: readonly string[]): boolean {
  if (args === null || typeof args !== 'object') return false;
  return Object.entries(args).some(([k, v]) => (keys.includes(k) && v !== undefined) || hasKey(v, keys));
}

/** True when the call is confined to documents or cases whose comparison is open. */
function confinedToOpen(args: Record<string, unknown>, open: ComparisonState): boolean {
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const docs = [...ids(args.documentIds), ...ids(args.documentId)];
  const cases = [...ids(args.caseIds), ...ids(args.caseId)];
  if (docs.length === 0 && cases.length === 0) return false;
  return docs.every((d) => open.documents.has(d)) && cases.every((c) => open.cases.has(c));
}

/**
 * Whether `viewer` may call `op` with `args`. `project` (the current full project), when the
 * caller has it, lets item-addressed writes be checked too: a coding must be the caller's own.
 */
export function mayCall(viewer: Viewer, open: ComparisonState, op: string, args: unknown, project?: ProjectData): MayCall {
  const cap = capabilityOf(op);
  if (cap === undefined) return deny(`The operation ${op} is not available on the team server.`);
  if (cap === 'local') return deny(`The operation ${op} works on the server's own files or open project; it is not available to team members.`);
  if (!ROLES_WITH[cap].includes(viewer.role)) {
    const need = ROLES_WITH[cap].join(', ');
    return deny(`A ${viewer.role} may not call ${op} (it needs one of these roles: ${need}).`);
  }
  if (hasKey(args, SERVER_PATH_ARGS)) return deny(`On the team server, ${op} takes uploaded files and returns downloads; paths on the server are refused.`);
  const own = viewer.coderId;
  const others = collect(args, CODER_ARGS).filter((c) => c !== own);
  // Writes go to the caller's own layer, whatever the role (the consensus layer is written by the adjudication operations).
  if (cap === 'code' && others.length > 0) return deny(`${op} writes only to your own coder layer.`);
  const blindHere = isBlind(viewer) && !open.all;
  if (blindHere) {
    if (UNFILTERABLE_FOR_BLIND.has(op)) return deny(`Merge reports show other coders' work; they open when comparison is open for the whole project.`);
    const a = (args ?? {}) as Record<string, unknown>;
    if (others.length > 0 && !confinedToOpen(a, open)) return deny(`Coding is blind: other coders' work is visible only for documents whose comparison the owner or an adjudicator opened.`);
  }
  if (project && CODING_BY_ID.has(op)) {
    const id = (args as { id?: unknown } | null)?.id;
    const coding = project.codings.find((c) => c.id === id);
    if (!coding || coding.coderId !== own) return deny(`${op} changes only your own codings.`);
  }
  if (project && blindHere) {
    const evidence = collect(args, ['evidence', 'fromCodingIds', 'keep']);
    const byId = new Map(project.codings.map((c) => [c.id, c]));
    if (evidence.some((id) => !byId.has(id) || !itemVisible(viewer, open, 'codings', byId.get(id)))) return deny(`${op} names codings you cannot see.`);
  }
  return { ok: true };
}
