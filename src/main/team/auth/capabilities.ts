/**
 * Which role may call which API operation on the team server. The table is keyed by operation
 * name and must name every operation of the contract (a test fails otherwise), so a new operation
 * cannot reach the server without someone deciding who may call it.
 */
import type { TeamRole } from '../auth-contract.js';

/**
 * What an operation needs:
 * - `read`: any member (owner, adjudicator, coder, viewer); results come from the viewer's filtered project;
 * - `code`: writes to the caller's own coder layer (owner, adjudicator, coder);
 * - `adjudicate`: writes the consensus layer (owner, adjudicator);
 * - `manage`: changes shared structure — codebook, cases, documents, matrices, merges (owner);
 * - `local`: reaches the server's own file system or switches its open project: nobody on the team server.
 */
export type Capability = 'read' | 'code' | 'adjudicate' | 'manage' | 'local';

/** Roles holding each capability. */
export const ROLES_WITH: Readonly<Record<Capability, readonly TeamRole[]>> = {
  read: ['owner', 'adjudicator', 'coder', 'viewer'],
  code: ['owner', 'adjudicator', 'coder'],
  adjudicate: ['owner', 'adjudicator'],
  manage: ['owner'],
  local: [],
};

/** The capability each API operation needs on the team server. */
export const OPERATION_CAPABILITY: Readonly<Record<string, Capability>> = {
  // Projects and the server's folders: the team server serves one project, chosen by its operator.
  'app.info': 'read',
  'project.current': 'read',
  'project.recent': 'local',
  'project.create': 'local',
  'project.open': 'local',
  'project.openDemo': 'local',
  'project.choose': 'local',
  'folder.list': 'local',
  'project.close': 'local',
  // The coder an account codes as is fixed by the account, never chosen per request.
  'coder.use': 'local',
  // Documents and imports (paths on the server are `local`; uploads are the owner's).
  'document.content': 'read',
  'document.rename': 'manage',
  'import.files': 'local',
  'import.upload': 'manage',
  // Coding in one's own layer.
  'coding.add': 'code',
  'coding.remove': 'code',
  'coding.update': 'code',
  'memo.set': 'code',
  'history.undo': 'code',
  'history.redo': 'code',
  'search.codeHits': 'code',
  'autocode.sections': 'code',
  'rating.set': 'code',
  // In-vivo coding names a new shared code after the selected text: that would show a blind
  // coder's passage to everyone, so it is the owner's (who is not blind).
  'coding.inVivo': 'manage',
  // Codebook.
  'code.create': 'manage',
  'code.update': 'manage',
  'code.move': 'manage',
  'code.merge': 'manage',
  'code.delete': 'manage',
  'codebook.import': 'manage',
  'codebook.export': 'read',
  // Search, retrieval and counts (computed over the viewer's filtered project).
  'search.run': 'read',
  'autocode.sectionsPreview': 'read',
  'retrieval.passages': 'read',
  'retrieval.export': 'read',
  'retrieval.cooccurrence': 'read',
  // Agreement, merging, adjudication.
  'agreement.compute': 'read',
  'agreement.report': 'read',
  'agreement.interval': 'read',
  'agreement.metric': 'read',
  'merge.run': 'local',
  'merge.upload': 'manage',
  'merge.exportCoder': 'read',
  'merge.reports': 'read',
  'merge.report': 'read',
  'merge.retry': 'manage',
  'merge.resolve': 'manage',
  'adjudication.decide': 'adjudicate',
  'adjudication.acceptAgreements': 'adjudicate',
  // Matrices and ratings. `matrix.list` adds the default matrices to a project that has none
  // (no undo step): the same for every reader, so it stays a read.
  'matrix.list': 'read',
  'matrix.create': 'manage',
  'matrix.update': 'manage',
  'matrix.edit': 'manage',
  'matrix.delete': 'manage',
  'matrix.setScale': 'manage',
  'matrix.view': 'read',
  'matrix.evidence': 'read',
  'rating.adjudicate': 'adjudicate',
  'rating.adoptAgreed': 'adjudicate',
  'rating.disagreements': 'read',
  'rating.agreement': 'read',
  'matrix.export': 'read',
  'matrix.exportCodeCase': 'read',
  'matrix.exportCoOccurrence': 'read',
  // Cases and attributes.
  'case.create': 'manage',
  'case.rename': 'manage',
  'case.merge': 'manage',
  'case.delete': 'manage',
  'case.assignDocuments': 'manage',
  'case.defineAttribute': 'manage',
  'case.renameAttribute': 'manage',
  'case.removeAttribute': 'manage',
  'case.setAttributes': 'manage',
  'case.importAttributes': 'manage',
  // REFI-QDA exchange.
  'refi.import': 'local',
  'refi.importUpload': 'manage',
  'refi.inspect': 'local',
  'refi.inspectUpload': 'manage',
  'refi.export': 'read',
  'refi.exportLimits': 'read',
};

/** The capability `op` needs, or undefined for an operation nobody has classified (refused). */
export function capabilityOf(op: string): Capability | undefined {
  return Object.hasOwn(OPERATION_CAPABILITY, op) ? OPERATION_CAPABILITY[op] : undefined;
}

/** True when `role` holds the capability `op` needs. Unclassified operations: false. */
export function roleMayCall(role: TeamRole, op: string): boolean {
  const cap = capabilityOf(op);
  return cap !== undefined && ROLES_WITH[cap].includes(role);
}

/** Argument names that point into the server's file system: refused whatever the role. */
export const SERVER_PATH_ARGS: readonly string[] = ['path', 'paths', 'outPath', 'dir'];
