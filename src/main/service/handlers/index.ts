import type { HandlerTable } from '../context.js';
import { caseHandlers } from './cases.js';
import { codebookHandlers } from './codebook.js';
import { codingHandlers } from './codings.js';
import { compareHandlers } from './compare.js';
import { documentHandlers } from './documents.js';
import { exchangeHandlers } from './exchange.js';
import { matrixHandlers } from './matrices.js';
import { memoHandlers } from './memos.js';
import { projectHandlers } from './project.js';

/**
 * Every operation's handler, one module per domain of the contract (`shared/contract/<noun>.ts`).
 * The type proves none is missing: an operation declared without a handler does not compile.
 */
export const HANDLERS: HandlerTable = {
  ...projectHandlers,
  ...documentHandlers,
  ...caseHandlers,
  ...codebookHandlers,
  ...codingHandlers,
  ...memoHandlers,
  ...compareHandlers,
  ...matrixHandlers,
  ...exchangeHandlers,
};
