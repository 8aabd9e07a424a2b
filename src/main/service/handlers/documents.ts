import { err, ok } from '../../../core/model/result.js';
import { renameDocument } from '../../../core/documents/rename-document.js';
import { searchTexts } from '../../../core/search/search.js';
import { staged, withSession, type DomainHandlers } from '../context.js';
import { importStagedHandlers } from '../ops-import.js';
import { texts } from '../session-reads.js';

/** The document operations; imports run in two phases (see `StagedHandler`). */
export const documentHandlers: DomainHandlers<'documents'> = {
  'document.content': withSession(async (session, a) => {
    if (!session.state.get('documents', a.id)) return err('not-found', `No document with id ${a.id}`);
    return session.store.readSource(a.id);
  }),
  'document.rename': withSession(async (session, a) => {
    return session.mutate('Rename document', (d) => {
      const r = renameDocument(d, a.id, a.title);
      return r.ok ? ok({ data: r.value.data, value: r.value.document }) : r;
    });
  }),
  'search.run': withSession(async (session, a) => {
    const t = await texts(session, a.documentIds);
    if (!t.ok) return t;
    return searchTexts(t.value, a);
  }),
  'import.files': staged(importStagedHandlers['import.files']),
  'import.upload': staged(importStagedHandlers['import.upload']),
};
