/** Codebook editing, memos, search, autocode, retrieval and coder views (issue 4). Owned by that area; the composition lives in `../api.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WorkflowOps {}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const WORKFLOW_OPERATIONS = [] as const satisfies readonly (keyof WorkflowOps)[];
