import { saveText } from '../../lib/download.js';
import type { CodeFields } from '../../../../core/codebook/edit.js';
import type { Id } from '../../../../core/model/types.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';

/** Codebook operations: each is one undoable step on the backend. */
export const codebookActions = {
  create: (name: string, parentId: Id | null) => applyMutation(api.call('code.create', { name, parentId })),
  update: (id: Id, patch: Partial<CodeFields>) => applyMutation(api.call('code.update', { id, patch })),
  move: (id: Id, parentId: Id | null, index: number) => applyMutation(api.call('code.move', { id, parentId, index })),
  merge: (sourceId: Id, targetId: Id) => applyMutation(api.call('code.merge', { sourceId, targetId })),
  remove: (id: Id) => applyMutation(api.call('code.delete', { id })),
  async importJson(text: string): Promise<void> {
    const r = await applyMutation(api.call('codebook.import', { json: text }));
    if (r) useProject.getState().toast('info', `Codebook imported: ${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged`);
  },
  async exportAs(format: 'md' | 'json'): Promise<void> {
    const r = await api.call('codebook.export', { format });
    if (!r.ok) return useProject.getState().toast('error', r.error.message);
    saveText(r.value.fileName, r.value.text, format === 'md' ? 'text/markdown' : 'application/json');
  },
};
