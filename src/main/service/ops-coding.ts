import { addCoding, removeCoding } from '../../core/codings/commands.js';
import { err, ok } from '../../core/model/result.js';
import { renameDocument } from '../../core/documents/rename-document.js';
import { requireSession, type HandlerTable } from './context.js';

export const codingHandlers: HandlerTable = {
  'document.content': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    if (!s.value.data.documents.some((d) => d.id === a.id)) return err('not-found', `No document with id ${a.id}`);
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
    const code = session.data.codebook.find((c) => c.id === a.codeId);
    return session.mutate(`Code “${code?.name ?? a.codeId}”`, (d) => {
      const r = addCoding(d, src.value.text, { documentId: a.documentId, codeId: a.codeId, coderId, start: a.start, end: a.end, ...(a.memo ? { memo: a.memo } : {}) });
      return r.ok ? ok({ data: r.value.data, value: r.value.coding }) : r;
    });
  },
  'coding.remove': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    return s.value.mutate('Delete coding', (d) => {
      const r = removeCoding(d, a.id);
      return r.ok ? ok({ data: r.value.data, value: null }) : r;
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
