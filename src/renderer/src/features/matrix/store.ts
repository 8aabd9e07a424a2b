import { saveBase64 } from '../../lib/download.js';
import type { MatrixEdit } from '../../../../core/matrix/matrix-edits.js';
import type { MatrixMode, ViewCoder } from '../../../../core/matrix/view.js';
import type { Id } from '../../../../core/model/types.js';
import type { MatrixExportFormat } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { applyMutation, useProject } from '../../state/project-store.js';
import { createProjectStore } from '../../state/project-scope.js';

/** A matrix cell, by case (row) and code (column). */
export interface CellRef {
  caseId: Id;
  codeId: Id;
}

/** What the right-hand panel shows: a cell's editor, the matrix editor (new or existing), or nothing. */
export type MatrixPanel = { kind: 'cell'; cell: CellRef } | { kind: 'edit'; matrixId: Id | null } | null;

interface MatrixState {
  matrixId: Id | null;
  /** Whose ratings: a coder id, the consensus coder, or every coder; null = the session's coder. */
  coder: ViewCoder | null;
  mode: MatrixMode;
  panel: MatrixPanel;
  /** The project directory for which the default matrices were ensured (once per project). */
  ensuredFor: string | null;
  setMatrix(id: Id): void;
  setCoder(c: ViewCoder): void;
  setMode(m: MatrixMode): void;
  openCell(cell: CellRef | null): void;
  editMatrix(id: Id | null): void;
  closePanel(): void;
  ensureDefaults(): Promise<void>;
}

export const useMatrix = createProjectStore<MatrixState>(
  'matrix',
  (set, get) => ({
    matrixId: null,
    coder: null,
    mode: 'ratings',
    panel: null,
    ensuredFor: null,
    setMatrix: (id) => set({ matrixId: id, panel: null }),
    setCoder: (coder) => set({ coder }),
    setMode: (mode) => set({ mode }),
    openCell: (cell) => set({ panel: cell ? { kind: 'cell', cell } : null }),
    editMatrix: (matrixId) => set({ panel: { kind: 'edit', matrixId } }),
    closePanel: () => set({ panel: null }),
    async ensureDefaults() {
      const p = useProject.getState();
      const dir = p.view?.dir ?? null;
      if (!dir || get().ensuredFor === dir) return;
      set({ ensuredFor: dir });
      if (p.view?.readOnly) return;
      await applyMutation(api.call('matrix.list', {}));
    },
  }),
  { keep: ['mode'] },
);

/** Which table an export menu item produces. */
export type ExportWhat = { kind: 'matrix'; matrixId: Id; coder?: string; counts: boolean } | { kind: 'code-case'; mode: 'counts' | 'coverage'; coderIds?: Id[] } | { kind: 'co-occurrence'; rule: 'overlap' | 'paragraph'; coderIds?: Id[] };

/**
 * Run an export and download its file: one click, one file. (The CSV formats' manifest sidecar is
 * written beside the file when exporting to a path, from the CLI; in the UI the JSON export holds
 * the same manifest. Downloading it as a second file read as the CSV "downloading twice".)
 */
export async function runExport(what: ExportWhat, format: MatrixExportFormat, options: { bom?: boolean; standalone?: boolean } = {}): Promise<void> {
  const store = useProject.getState();
  const extra = { ...(options.bom && (format === 'csv' || format === 'tidy') ? { bom: true } : {}), ...(options.standalone && format === 'tex' ? { standalone: true } : {}) };
  const r =
    what.kind === 'matrix'
      ? await api.call('matrix.export', { format, matrix: what.matrixId, ...(what.coder !== undefined ? { coder: what.coder } : {}), ...(what.counts ? { counts: true } : {}), ...extra })
      : what.kind === 'code-case'
        ? await api.call('matrix.exportCodeCase', { format, mode: what.mode, ...(what.coderIds ? { coderIds: what.coderIds } : {}), ...extra })
        : await api.call('matrix.exportCoOccurrence', { format, rule: what.rule, ...(what.coderIds ? { coderIds: what.coderIds } : {}), ...extra });
  if (!r.ok) return store.toast('error', r.error.message);
  const f = r.value;
  if (f.dataBase64 !== null) saveBase64(f.fileName, f.dataBase64, f.mime);
  store.toast(f.warnings.length > 0 ? 'error' : 'info', [`Exported ${f.fileName}`, ...f.warnings].join('. '));
}

/** Matrix operations: each is one undoable step on the backend. */
export const matrixActions = {
  rate: (args: { matrixId: Id; caseId: Id; codeId: Id; value: string | null; note?: string; evidence?: Id[] }) => applyMutation(api.call('rating.set', args)),
  adjudicate: (args: { matrixId: Id; caseId: Id; codeId: Id; value: string | null; note?: string; evidence?: Id[] }) => applyMutation(api.call('rating.adjudicate', args)),
  async adoptAgreed(matrixId: Id): Promise<void> {
    const r = await applyMutation(api.call('rating.adoptAgreed', { matrixId }));
    if (!r) return;
    const left = r.left.filter((c) => c.reason !== 'already-decided').length;
    const leftText = left === 0 ? '' : `; left ${left} cell${left === 1 ? '' : 's'} where the coders disagree or not all rated`;
    useProject.getState().toast('info', r.adopted === 0 ? `No agreed cell is waiting for adoption${leftText}` : `Adopted ${r.adopted} agreed rating${r.adopted === 1 ? '' : 's'} as consensus${leftText}`);
  },
  create: (args: { name: string; columns: Id[]; rows: Id[]; scale: string[]; notApplicable: string }) => applyMutation(api.call('matrix.create', args)),
  /** Item-level edits (what the user changed), applied to the matrix as it is now. */
  edit: (matrixId: Id, edits: MatrixEdit[]) => applyMutation(api.call('matrix.edit', { matrixId, edits })),
  remove: (matrixId: Id) => applyMutation(api.call('matrix.delete', { matrixId })),
};
