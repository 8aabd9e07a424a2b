import { fileToBase64 } from '../../lib/base64.js';
import { saveBase64 } from '../../lib/download.js';
import type { PositionUnit } from '../../../../core/refi/positions.js';
import type { RefiImportOutcome, RefiPreview, RefiUserMapping } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { createProjectStore } from '../../state/project-scope.js';
import { useReader } from '../../reader/index.js';

/** A REFI-QDA export the user can ask for from the Exchange menu. */
export interface RefiExportChoice {
  format: 'qdpx' | 'qdc';
  positions?: PositionUnit;
}

/** A file read but not imported yet: the step where its users are mapped to coders. */
export interface PendingImport {
  name: string;
  dataBase64: string;
  preview: RefiPreview;
  /** Settles the `importFile` call that read this file: its outcome, or null when cancelled or failed. */
  settle?: (outcome: RefiImportOutcome | null) => void;
}

/** An export the user picked, with what the target cannot hold (null while it loads). */
export interface PendingExport {
  choice: RefiExportChoice;
  limits: string[] | null;
}

interface RefiState {
  /** The report of the last import, shown in a dialog until dismissed. */
  report: RefiImportOutcome | null;
  /** A read file waiting for its users to be mapped (the import commits only on confirm). */
  pending: PendingImport | null;
  /** The export dialog's choice and limits. */
  exporting: PendingExport | null;
  /** What is running ('import' | 'export'), to disable the menu meanwhile. */
  busy: 'import' | 'export' | null;
  /**
   * Read the file; with users to map, stop at the mapping step, else import at once. Resolves
   * once the import is done (its outcome) or did not happen (null: cancelled, refused or failed),
   * so the Import dialog can wait for the mapping step as the Exchange menu does.
   */
  importFile(file: File): Promise<RefiImportOutcome | null>;
  /** Commit the pending import with these mappings. */
  confirmImport(users: RefiUserMapping[], leaveOutDefaults?: boolean): Promise<void>;
  cancelImport(): void;
  /** Open the export dialog for a choice (it lists what the target cannot hold). */
  askExport(choice: RefiExportChoice): Promise<void>;
  cancelExport(): void;
  exportAs(choice: RefiExportChoice): Promise<void>;
  closeReport(): void;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Import with the given mappings; shows the report and opens the first new document. Null when it failed (toast shown). */
async function commitImport(set: (s: Partial<RefiState>) => void, name: string, dataBase64: string, users: RefiUserMapping[], leaveOutDefaults = false): Promise<RefiImportOutcome | null> {
  const outcome = await applyMutation(api.call('refi.importUpload', { name, dataBase64, ...(users.length ? { users } : {}), ...(leaveOutDefaults ? { leaveOutDefaults } : {}) }));
  if (!outcome) return null;
  set({ report: outcome });
  const first = outcome.documentIds[0];
  if (first) await useReader.getState().selectDocument(first);
  return outcome;
}

/** REFI-QDA import and export from the UI; project changes come back as patches like every mutation. */
export const useRefi = createProjectStore<RefiState>('refi', (set, get) => ({
  report: null,
  pending: null,
  exporting: null,
  busy: null,
  async importFile(file) {
    if (get().busy || get().pending) return null;
    set({ busy: 'import' });
    let decided: Promise<RefiImportOutcome | null> | null = null;
    try {
      const dataBase64 = await fileToBase64(file);
      const preview = await api.call('refi.inspectUpload', { name: file.name, dataBase64 });
      if (!preview.ok) {
        useProject.getState().toast('error', preview.error.message);
        return null;
      }
      // stop at the step before commit when users need mapping or the default codes could be left out
      if (preview.value.users.some((u) => u.codings > 0) || preview.value.defaultCodes > 0) {
        decided = new Promise((settle) => set({ pending: { name: file.name, dataBase64, preview: preview.value, settle } }));
      } else return await commitImport(set, file.name, dataBase64, []);
    } finally {
      set({ busy: null });
      useProject.setState({ progress: null });
    }
    return decided;
  },
  async confirmImport(users, leaveOutDefaults) {
    const pending = get().pending;
    if (!pending || get().busy) return;
    set({ busy: 'import' });
    try {
      const outcome = await commitImport(set, pending.name, pending.dataBase64, users, leaveOutDefaults);
      if (outcome) {
        set({ pending: null });
        pending.settle?.(outcome);
      }
    } finally {
      set({ busy: null });
      useProject.setState({ progress: null });
    }
  },
  cancelImport: () => {
    const pending = get().pending;
    set({ pending: null });
    pending?.settle?.(null);
  },
  async askExport(choice) {
    set({ exporting: { choice, limits: null } });
    const r = await api.call('refi.exportLimits', { format: choice.format });
    if (get().exporting?.choice !== choice) return;
    if (!r.ok) {
      set({ exporting: null });
      useProject.getState().toast('error', r.error.message);
      return;
    }
    set({ exporting: { choice, limits: r.value.limits } });
  },
  cancelExport: () => set({ exporting: null }),
  async exportAs(choice) {
    if (get().busy) return;
    set({ busy: 'export', exporting: null });
    try {
      const r = await api.call('refi.export', { format: choice.format, ...(choice.positions ? { positions: choice.positions } : {}) });
      const toast = useProject.getState().toast;
      if (!r.ok) return toast('error', r.error.message);
      if (!r.value.dataBase64) return toast('error', 'The export returned no data');
      saveBase64(r.value.fileName, r.value.dataBase64, choice.format === 'qdpx' ? 'application/zip' : 'application/xml');
      const c = r.value.counts;
      const what = choice.format === 'qdpx' ? `${count(c.documents, 'document')}, ${count(c.codes, 'code')}, ${count(c.codings, 'coding')}` : count(c.codes, 'code');
      toast('info', `Exported ${r.value.fileName}: ${what}${r.value.skipped.length ? `; ${r.value.skipped.length} item(s) left out: ${r.value.skipped[0]}` : ''}`);
    } finally {
      set({ busy: null });
    }
  },
  closeReport: () => set({ report: null }),
}));
