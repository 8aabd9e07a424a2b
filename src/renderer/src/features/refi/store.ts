import { saveBase64 } from '../../lib/download.js';
import { create } from 'zustand';
import type { PositionUnit } from '../../../../core/refi/positions.js';
import type { RefiImportOutcome } from '../../../../shared/api/refi.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';

/** A REFI-QDA export the user can ask for from the Exchange menu. */
export interface RefiExportChoice {
  format: 'qdpx' | 'qdc';
  positions?: PositionUnit;
}

interface RefiState {
  /** The report of the last import, shown in a dialog until dismissed. */
  report: RefiImportOutcome | null;
  /** What is running ('import' | 'export'), to disable the menu meanwhile. */
  busy: 'import' | 'export' | null;
  importFile(file: File): Promise<void>;
  exportAs(choice: RefiExportChoice): Promise<void>;
  closeReport(): void;
}

/** Base64 of a file's bytes, in chunks (large files would overflow the argument list). */
async function fileToBase64(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}


/** REFI-QDA import and export from the UI; project changes come back as patches like every mutation. */
export const useRefi = create<RefiState>((set, get) => ({
  report: null,
  busy: null,
  async importFile(file) {
    if (get().busy) return;
    set({ busy: 'import' });
    try {
      const dataBase64 = await fileToBase64(file);
      const outcome = await applyMutation(api.call('refi.importUpload', { name: file.name, dataBase64 }));
      if (!outcome) return;
      set({ report: outcome });
      const first = outcome.documentIds[0];
      if (first) await useProject.getState().selectDocument(first);
    } finally {
      set({ busy: null });
      useProject.setState({ progress: null });
    }
  },
  async exportAs(choice) {
    if (get().busy) return;
    set({ busy: 'export' });
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
