/** Merging coders, agreement, adjudication (issue 5). Owned by that area; the composition lives in `../api.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CompareOps {}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const COMPARE_OPERATIONS = [] as const satisfies readonly (keyof CompareOps)[];
