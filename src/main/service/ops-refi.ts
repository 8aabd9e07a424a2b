import type { HandlerTable } from './context.js';

/** Handlers of the refi area's operations (declared in src/shared/api/refi.ts). */
export const refiHandlers: HandlerTable = {};
