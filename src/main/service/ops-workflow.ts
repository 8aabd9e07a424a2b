import type { HandlerTable } from './context.js';

/** Handlers of the workflow area's operations (declared in src/shared/api/workflow.ts). */
export const workflowHandlers: HandlerTable = {};
