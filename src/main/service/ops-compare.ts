import type { HandlerTable } from './context.js';

/** Handlers of the compare area's operations (declared in src/shared/api/compare.ts). */
export const compareHandlers: HandlerTable = {};
