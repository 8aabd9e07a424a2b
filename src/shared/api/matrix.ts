/** Case-by-code matrices, ratings and exports (issue 6). Owned by that area; the composition lives in `../api.ts`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MatrixOps {}

/** Runtime list of this area's operations (the transports accept only listed names). */
export const MATRIX_OPERATIONS = [] as const satisfies readonly (keyof MatrixOps)[];
