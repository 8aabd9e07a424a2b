import type { AttributeType, Id } from '../../../../core/model/types.js';
import type { AttributeInput } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';

/** The Cases view's calls: each is one undo step on the backend; errors arrive as toasts. */
export const caseActions = {
  create: (names: string[]) => applyMutation(api.call('case.create', { names })),
  rename: (caseId: Id, name: string) => applyMutation(api.call('case.rename', { caseId, name })),
  merge: (sourceId: Id, targetId: Id) => applyMutation(api.call('case.merge', { sourceId, targetId })),
  async remove(caseId: Id): Promise<void> {
    const r = await applyMutation(api.call('case.delete', { caseId }));
    if (r) useProject.getState().toast('info', r.message);
  },
  assign: (documentIds: Id[], caseId: Id | null) => applyMutation(api.call('case.assignDocuments', { documentIds, caseId })),
  define: (name: string, type: AttributeType) => applyMutation(api.call('case.defineAttribute', { name, type })),
  renameAttribute: (name: string, newName: string) => applyMutation(api.call('case.renameAttribute', { name, newName })),
  removeAttribute: (name: string) => applyMutation(api.call('case.removeAttribute', { name })),
  set: (caseId: Id, name: string, value: AttributeInput) => applyMutation(api.call('case.setAttributes', { caseName: caseId, values: { [name]: value } })),
  async importTable(file: File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return applyMutation(api.call('case.importAttributes', { file: { name: file.name, dataBase64: btoa(bin) } }));
  },
};
