import type { HandlerTable } from './context.js';

/** Handlers of the matrix area's operations (declared in src/shared/api/matrix.ts). */
export const matrixHandlers: HandlerTable = {};
