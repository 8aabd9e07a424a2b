/** Cases and attributes (issue 3). Owned by that area; the composition lives in `../api.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CasesOps {}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const CASES_OPERATIONS = [] as const satisfies readonly (keyof CasesOps)[];
