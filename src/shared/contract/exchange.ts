import type { PositionUnit, UnitDetection } from '../../core/refi/positions.js';
import type { RefiUserMapping } from '../../core/refi/apply.js';
import type { RefiSkipped } from '../../core/refi/types.js';
import type { Id } from '../../core/model/types.js';
import { z } from 'zod';
import type { Mutation } from './project.js';
import { op, returns } from './declare.js';
import { id, MAX_BASE64, name, readPath, writePath } from './fields.js';

export type { RefiUserMapping };

/** Exchange with other QDA software: REFI-QDA projects (`.qdpx`, `.qde`) and codebooks (`.qdc`). */

const upload = { name: name(255), dataBase64: z.string().max(MAX_BASE64) };
/** A REFI user (a GUID or name from the file) mapped to an existing coder or a new coder name. */
const users = z.array(z.strictObject({ user: name(), coderId: id.optional(), coderName: name(80).optional() })).max(10_000);
const format = z.enum(['qdpx', 'qdc']);

/** What a REFI-QDA import counts, as added (new) and matched (already in the project). */
export type RefiCounted = 'coders' | 'codes' | 'attributeDefs' | 'cases' | 'documents' | 'codings' | 'memos' | 'matrices' | 'ratings';

/** How the positions of one imported document were read. */
export interface RefiPositionLine {
  title: string;
  unit: PositionUnit;
  /** How many units one CRLF of the producer's text counted as. */
  crlfAs: 1 | 2;
  /** How the unit was confirmed (see `UnitDetection`). */
  evidence: UnitDetection['evidence'];
  /** Selections that begin and end on word boundaries under this reading, of `total`. */
  fit: number;
  total: number;
  /** True when the producer's text holds CRLF (only then does `crlfAs` mean anything). */
  crlf: boolean;
}

/** One user of a REFI-QDA file: how many codings the attribution rule gives them. */
export interface RefiFileUser {
  /** The user's GUID in the file (use it in a {@link RefiUserMapping}). */
  guid: string;
  name: string;
  codings: number;
}

/** What a file holds before it is imported: enough to map its users to coders. */
export interface RefiPreview {
  fileName: string;
  format: 'qdpx' | 'qde' | 'qdc';
  projectName: string;
  origin: string;
  users: (RefiFileUser & {
    /** The project's coder this user goes to unless mapped otherwise (same name), or null (a new coder). */
    coderId: Id | null;
    /** A consensus or automatic coder in a Casecoder export. */
    role: 'consensus' | 'auto' | null;
  })[];
  /** The attribution rule, and how many codings named two different users (selection and coding). */
  attribution: { rule: string; differing: number };
  counts: { documents: number; codes: number; codings: number; memos: number; matrices: number; ratings: number };
  /** The reading report as lines (units, attribution, everything not imported, notes). */
  lines: string[];
  /** Default codes the project could leave out before this import (0 once anything is coded). */
  defaultCodes: number;
}

/** The report of one REFI-QDA import, for the CLI and the import dialog. */
export interface RefiImportOutcome {
  /** The file's name as the user knows it (never a temp path). */
  fileName: string;
  format: 'qdpx' | 'qde' | 'qdc';
  projectName: string;
  /** The producing software (`origin` attribute), or '' when the file names none. */
  origin: string;
  added: Record<RefiCounted, number>;
  /** Ids of the documents this import added (in file order). */
  documentIds: Id[];
  matched: Record<RefiCounted, number>;
  positions: RefiPositionLine[];
  /** Everything in the file that was not imported (and why), plus items refused while merging. */
  notImported: RefiSkipped[];
  /** Adaptations made to fit Casecoder's model or the project's existing content. */
  notes: string[];
  /** Who the codings went to: each file user, its coding count and the project coder it became. */
  attribution: { rule: string; differing: number; users: (RefiFileUser & { coder: string })[] };
  /** One line: what was added and what was already there. */
  summary: string;
  /** The whole report as readable lines (units, everything not imported, notes). */
  lines: string[];
  /** The backup of the project taken before the import, or null when nothing changed. */
  backupPath: string | null;
}

/** The result of an export: a file written (`path`), or its bytes for a browser download. */
export interface RefiExportResult {
  fileName: string;
  /** Where the file was written (with `outPath`), else null. */
  path: string | null;
  /** The file's bytes, base64 (without `outPath`), else null. */
  dataBase64: string | null;
  bytes: number;
  /** Units of the positions written (.qdpx only). */
  positions: PositionUnit | null;
  counts: { documents: number; codes: number; codings: number };
  /** Things not exported, one sentence each (e.g. orphaned codings). */
  skipped: string[];
  /** What the target format cannot hold, or holds only in Casecoder's own note, one sentence each. */
  limits: string[];
}

/** The exchange operations. */
export const EXCHANGE_OPS = {
  /**
   * Import a `.qdpx` project, a bare `.qde` or a `.qdc` codebook from a path, merged into the open
   * project as ONE undo step, after a backup. `strict` refuses the file when anything in it had
   * to be skipped. A file that cannot be read changes nothing. `leaveOutDefaults`: drop the
   * project's default codes first (only while nothing is coded; see `RefiPreview.defaultCodes`).
   */
  'refi.import': op(z.strictObject({ path: readPath, strict: z.boolean().optional(), users: users.optional(), leaveOutDefaults: z.boolean().optional() }), returns<Mutation<RefiImportOutcome>>()),
  /** Browser mode: the same, from uploaded bytes (base64). */
  'refi.importUpload': op(z.strictObject({ ...upload, strict: z.boolean().optional(), users: users.optional(), leaveOutDefaults: z.boolean().optional() }), returns<Mutation<RefiImportOutcome>>()),
  /** Read a file without importing it: its users (to map them to coders first) and the reading report. */
  'refi.inspect': op(z.strictObject({ path: readPath }), returns<RefiPreview>()),
  /** Browser mode: the same, from uploaded bytes (base64). */
  'refi.inspectUpload': op(z.strictObject(upload), returns<RefiPreview>()),
  /**
   * Export the project as `.qdpx` (positions in code points by default, `utf16` for NVivo) or its
   * codebook as `.qdc`. With `outPath` the file is written durably there; without, the bytes come
   * back for a download.
   */
  'refi.export': op(z.strictObject({ format, positions: z.enum(['codepoints', 'utf16']).optional(), outPath: writePath.optional() }), returns<RefiExportResult>()),
  /** What an export in this format cannot hold (shown in the export dialog before exporting). */
  'refi.exportLimits': op(z.strictObject({ format }), returns<{ limits: string[] }>()),
};
