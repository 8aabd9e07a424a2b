import { addCodingChange, removeCodingChange } from '../../core/ops/coding-changes.js';
import { err, ok } from '../../core/model/result.js';
import { renameDocument } from '../../core/documents/rename-document.js';
import { requireSession, type HandlerTable } from './context.js';

export const codingHandlers: HandlerTable = {
  'document.content': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    if (!s.value.state.get('documents', a.id)) return err('not-found', `No document with id ${a.id}`);
    return s.value.store.readSource(a.id);
  },
  'document.rename': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.mutate('Rename document', (d) => {
      const r = renameDocument(d, a.id, a.title);
      return r.ok ? ok({ data: r.value.data, value: r.value.document }) : r;
    });
  },
  'coding.add': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const session = s.value;
    const coderId = session.coderId;
    if (!coderId) return err('invalid', 'Name yourself as a coder before coding');
    const src = await session.store.readSource(a.documentId);
    if (!src.ok) return src;
    const code = session.state.get('codebook', a.codeId);
    // The hot path: a change set built from the indexed state, whatever the project's size.
    return session.change(`Code “${code?.name ?? a.codeId}”`, (st) => addCodingChange(st, src.value.text, { documentId: a.documentId, codeId: a.codeId, coderId, start: a.start, end: a.end, ...(a.memo ? { memo: a.memo } : {}) }));
  },
  'coding.remove': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.change('Delete coding', (st) => {
      const r = removeCodingChange(st, a.id);
      return r.ok ? ok({ changes: r.value.changes, value: null }) : r;
    });
  },
  'history.undo': async (ctx) => {
    const s = requireSession(ctx);
    return s.ok ? s.value.undo() : s;
  },
  'history.redo': async (ctx) => {
    const s = requireSession(ctx);
    return s.ok ? s.value.redo() : s;
  },
};
