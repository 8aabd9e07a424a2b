/** REFI-QDA exchange files (issue 7). Owned by that area; the composition lives in `../api.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RefiOps {}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const REFI_OPERATIONS = [] as const satisfies readonly (keyof RefiOps)[];
