import { fileToBase64 } from '../../lib/base64.js';
import type { SourceFormat } from '../../../../core/model/types.js';
import { isRefiProjectName } from '../../../../core/import/detect.js';
import type { ImportFileOutcome, ImportReport, ImportRequest } from '../../../../shared/api.js';
import type { RefiImportOutcome } from '../../../../shared/api.js';
import { api } from '../../lib/api.js';
import { useRefi } from '../refi/store.js';
import { applyMutation } from '../../state/project-store.js';
import { createProjectStore } from '../../state/project-scope.js';
import { useReader } from '../../reader/index.js';

/** Where imported documents go: no case, one case (by name), or split by the project's cases. */
export type CaseChoice = { kind: 'none' } | { kind: 'case'; name: string } | { kind: 'split' };

export interface ImportOptionsForm {
  target: CaseChoice;
  format: SourceFormat | 'auto';
  reflow: boolean;
  keepPreamble: boolean;
  /** One section name per line; empty means the default scorecard sections. */
  headings: string;
}

/** What happens to one chosen file, as the import goes. */
export type FileStage = 'waiting' | 'reading' | 'uploading' | 'importing' | 'mapping' | 'parsed' | 'imported' | 'skipped' | 'cancelled' | 'failed';

export interface FileState {
  name: string;
  size: number;
  stage: FileStage;
  detail?: string;
}

interface ImportDialogState {
  open: boolean;
  files: File[];
  options: ImportOptionsForm;
  running: boolean;
  /** Index of the file being imported again as Markdown, or null. */
  reimporting: number | null;
  /** Per-file state, in the order the files were chosen. */
  states: FileState[];
  /** For each file sent in the running upload, its index in `states` (REFI-QDA projects go their own way). */
  uploaded: number[];
  /** Overall progress 0..1 (reading in the browser counts for the first third). */
  overall: number;
  report: ImportReport | null;
  show(files?: File[]): void;
  close(): void;
  addFiles(files: File[]): void;
  removeFile(index: number): void;
  setOptions(patch: Partial<ImportOptionsForm>): void;
  run(): Promise<void>;
  /**
   * Import file `index` again as Markdown, replacing the plain-text document(s) it just gave, in
   * one undoable step (offered when a `.txt` looks like Markdown).
   */
  reimportAsMarkdown(index: number): Promise<void>;
}

export const DEFAULT_OPTIONS: ImportOptionsForm = { target: { kind: 'none' }, format: 'auto', reflow: false, keepPreamble: false, headings: '' };

const fileStates = (files: readonly File[]): FileState[] => files.map((f) => ({ name: f.name, size: f.size, stage: 'waiting' }));

/**
 * The import dialog: chosen files, options, and the run with per-file and overall progress.
 * Files are read in the renderer and sent with `import.upload` (the only path that works in
 * browser mode too); the backend's progress events mark each file as it is parsed.
 */
export const useImport = createProjectStore<ImportDialogState>('import', (set, get) => {
  api.onEvent((e) => {
    if (e.type !== 'progress' || e.task !== 'import' || !get().running || get().reimporting !== null) return;
    const { uploaded } = get();
    const states = get().states.map((s, i): FileState => {
      const k = uploaded.indexOf(i);
      return k < 0 ? s : k < e.done ? { ...s, stage: 'parsed' } : k === e.done ? { ...s, stage: 'importing' } : s;
    });
    set({ states, overall: 1 / 3 + (2 / 3) * (e.total > 0 ? e.done / e.total : 1) * 0.95 });
  });

  return {
    open: false,
    files: [],
    options: DEFAULT_OPTIONS,
    running: false,
    reimporting: null,
    states: [],
    uploaded: [],
    overall: 0,
    report: null,
    show(files = []) {
      if (get().running) return;
      set({ open: true, files, states: fileStates(files), report: null, overall: 0 });
    },
    close() {
      if (!get().running) set({ open: false, files: [], states: [], report: null, overall: 0 });
    },
    addFiles(files) {
      const all = [...get().files, ...files];
      set({ files: all, states: fileStates(all), report: null, overall: 0 });
    },
    removeFile(index) {
      const all = get().files.filter((_, i) => i !== index);
      set({ files: all, states: fileStates(all) });
    },
    setOptions(patch) {
      set({ options: { ...get().options, ...patch } });
    },
    async run() {
      const { files, options } = get();
      if (files.length === 0 || get().running) return;
      // REFI-QDA projects are merged through the REFI import, with its step that maps the file's users to coders.
      const uploaded = files.flatMap((f, i) => (isRefiProjectName(f.name) ? [] : [i]));
      set({ running: true, report: null, overall: 0, states: fileStates(files), uploaded });
      const stage = (i: number, s: FileStage, detail?: string): void => set({ states: get().states.map((x, j) => (j === i ? { ...x, stage: s, ...(detail ? { detail } : {}) } : x)) });
      const outcomes: (ImportFileOutcome | undefined)[] = files.map(() => undefined);
      if (uploaded.length > 0) {
        const payload: { name: string; dataBase64: string }[] = [];
        for (const [k, i] of uploaded.entries()) {
          const f = files[i] as File;
          stage(i, 'reading');
          payload.push({ name: f.name, dataBase64: await fileToBase64(f) });
          stage(i, 'uploading');
          set({ overall: (k + 1) / uploaded.length / 3 });
        }
        const report = await applyMutation(api.call('import.upload', { files: payload, ...requestOptions(options) }));
        if (!report) {
          set({ running: false, overall: 0, states: get().states.map((s) => ({ ...s, stage: 'waiting' })) });
          return;
        }
        report.files.forEach((f, k) => (outcomes[uploaded[k] ?? -1] = f));
      }
      for (const [i, f] of files.entries()) {
        if (!isRefiProjectName(f.name)) continue;
        stage(i, 'mapping', 'Choose which coder each of the file’s users becomes; nothing is imported before you confirm.');
        const outcome = await useRefi.getState().importFile(f);
        outcomes[i] = refiFileOutcome(f.name, outcome);
      }
      const report: ImportReport = { files: outcomes.map((o, i) => o ?? { path: files[i]?.name ?? '', status: 'failed', documentIds: [], warnings: [] }) };
      set({
        running: false,
        overall: 1,
        report,
        states: get().states.map((s, i) => {
          const f = report.files[i];
          if (!f) return s;
          const { detail: _old, ...rest } = s;
          void _old;
          return { ...rest, stage: f.reason === REFI_NOT_IMPORTED ? 'cancelled' : f.status, ...(f.reason ? { detail: f.reason } : {}) };
        }),
      });
      const firstNew = report.files.flatMap((f) => f.documentIds)[0];
      if (firstNew) await useReader.getState().selectDocument(firstNew);
    },
    async reimportAsMarkdown(index) {
      const { files, options, report } = get();
      const file = files[index];
      const before = report?.files[index];
      if (!file || !before || get().running || get().reimporting !== null) return;
      set({ reimporting: index, states: get().states.map((x, j) => (j === index ? { ...x, stage: 'importing', detail: 'Importing again as Markdown…' } : x)) });
      const again = await applyMutation(
        api.call('import.upload', {
          files: [{ name: file.name, dataBase64: await fileToBase64(file) }],
          ...requestOptions({ ...options, format: 'md' }),
          replaceDocuments: before.documentIds,
        }),
      );
      const outcome = again?.files[0];
      const current = get().report;
      set({
        reimporting: null,
        report: outcome && current ? { files: current.files.map((f, j) => (j === index ? outcome : f)) } : current,
        states: get().states.map((x, j) => {
          if (j !== index) return x;
          const { detail: _old, ...rest } = x;
          void _old;
          return outcome ? { ...rest, stage: outcome.status, ...(outcome.reason ? { detail: outcome.reason } : {}) } : { ...rest, stage: before.status };
        }),
      });
      const id = outcome?.documentIds[0];
      if (id) await useReader.getState().selectDocument(id);
    },
  };
});

/** The reason given for a REFI-QDA project whose mapping step was cancelled (or whose import was refused). */
export const REFI_NOT_IMPORTED = 'Not imported: the import was cancelled or refused; the project is unchanged.';

/** A REFI-QDA import's outcome as a line of the Import dialog's report (its full report opens beside it). */
function refiFileOutcome(name: string, outcome: RefiImportOutcome | null): ImportFileOutcome {
  if (!outcome) return { path: name, status: 'skipped', reason: REFI_NOT_IMPORTED, documentIds: [], warnings: [] };
  const coders = outcome.attribution.users.filter((u) => u.codings > 0).map((u) => `${u.name} → ${u.coder} (${u.codings})`);
  return { path: name, status: 'imported', reason: outcome.summary, documentIds: outcome.documentIds, warnings: coders.length ? [`Coders: ${coders.join(', ')}. ${outcome.attribution.rule}`] : [] };
}

/** The request options of the dialog's form (everything but the files). */
function requestOptions(options: ImportOptionsForm): Omit<ImportRequest, 'paths'> {
  const headings = options.headings
    .split('\n')
    .map((h) => h.trim())
    .filter(Boolean);
  return {
    ...(options.target.kind === 'case' && options.target.name.trim() ? { caseName: options.target.name.trim() } : {}),
    ...(options.target.kind === 'split' ? { splitCases: true, ...(options.keepPreamble ? { keepPreamble: true } : {}) } : {}),
    ...(options.format !== 'auto' ? { format: options.format } : {}),
    ...(options.reflow ? { reflow: true } : {}),
    ...(headings.length ? { headings } : {}),
  };
}
