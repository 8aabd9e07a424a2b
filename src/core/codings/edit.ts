import type { Code, Coding, Id, ProjectData } from '../model/types.js';
import type { CoreEnv } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { makeAnchor, trimRange } from './anchor.js';
import { addCoding, type NewCoding } from './commands.js';
import { createCode } from '../codebook/edit.js';

/** What may change on an existing coding: its boundaries, its code, its memo. */
export interface CodingPatch {
  start?: number;
  end?: number;
  codeId?: Id;
  memo?: string;
}

/**
 * Change a coding in place: new boundaries are trimmed and re-anchored against `text` (the
 * document's canonical text); a new code must exist; the memo is stored as given (at most
 * 20,000 characters). A change that would duplicate another coding of the same coder, code and
 * span is refused. Unchanged input returns the same project.
 */
export function updateCoding(data: ProjectData, text: string, id: Id, patch: CodingPatch, env: CoreEnv): Result<{ data: ProjectData; coding: Coding }> {
  const old = data.codings.find((g) => g.id === id);
  if (!old) return err('not-found', `No coding with id ${id}`);
  if (patch.codeId !== undefined && !data.codebook.some((c) => c.id === patch.codeId)) return err('not-found', `No code with id ${patch.codeId}`);
  if (patch.memo !== undefined && (typeof patch.memo !== 'string' || patch.memo.length > 20_000)) return err('invalid', 'A memo is text of at most 20,000 characters');
  let next: Coding = { ...old, ...(patch.codeId !== undefined ? { codeId: patch.codeId } : {}), ...(patch.memo !== undefined ? { memo: patch.memo } : {}) };
  if (patch.start !== undefined || patch.end !== undefined) {
    const s = patch.start ?? old.start;
    const e = patch.end ?? old.end;
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > text.length || s >= e) return err('invalid', `The range ${s}–${e} is empty or outside the text (0–${text.length})`);
    const t = trimRange(text, s, e);
    const a = makeAnchor(text, t.start, t.end);
    if (!a) return err('invalid', 'The new range holds only whitespace');
    next = { ...next, ...a };
  }
  const same = next.codeId === old.codeId && next.memo === old.memo && next.start === old.start && next.end === old.end && next.exact === old.exact;
  if (same) return ok({ data, coding: old });
  const dup = data.codings.find((g) => g.id !== id && g.documentId === next.documentId && g.coderId === next.coderId && g.codeId === next.codeId && g.start === next.start && g.end === next.end);
  if (dup) return err('conflict', 'The same coder already coded exactly this passage with this code');
  next = { ...next, updated: env.now() };
  return ok({ data: { ...data, codings: data.codings.map((g) => (g.id === id ? next : g)) }, coding: next });
}

/** What a batch of codings did: codings added, and requests that were already coded exactly so. */
export interface BatchOutcome {
  added: Coding[];
  existing: number;
}

/**
 * Add many codings in one change (for "code all hits" and "code by section"). `texts` maps each
 * document id to its canonical text. Identical codings are not duplicated; any invalid request
 * fails the whole batch with its message, so a batch is all or nothing.
 */
export function addCodings(data: ProjectData, texts: ReadonlyMap<Id, string>, items: readonly NewCoding[], env: CoreEnv): Result<{ data: ProjectData } & BatchOutcome> {
  let cur = data;
  const added: Coding[] = [];
  let existing = 0;
  // Look-ups stay fast for large batches: build the duplicate index once and append to it.
  const seen = new Map<string, Coding>(data.codings.map((g) => [`${g.documentId}\u0000${g.codeId}\u0000${g.coderId}\u0000${g.start}\u0000${g.end}`, g]));
  const fresh: Coding[] = [];
  for (const it of items) {
    const text = texts.get(it.documentId);
    if (text === undefined) return err('not-found', `No text for document ${it.documentId}`);
    const r = addCoding({ ...cur, codings: [] }, text, it, env);
    if (!r.ok) return r;
    const g = r.value.coding;
    const k = `${g.documentId}\u0000${g.codeId}\u0000${g.coderId}\u0000${g.start}\u0000${g.end}`;
    if (seen.has(k)) {
      existing++;
      continue;
    }
    seen.set(k, g);
    fresh.push(g);
    added.push(g);
  }
  if (fresh.length === 0) return ok({ data, added, existing });
  cur = { ...data, codings: [...data.codings, ...fresh] };
  return ok({ data: cur, added, existing });
}

/**
 * In-vivo coding: a new code named after the selection (whitespace collapsed, cut to 60
 * characters at a word boundary, "…" when cut), under `parentId`, and the selection coded with
 * it — one change, so one undo step removes both.
 */
export function codeInVivo(data: ProjectData, text: string, c: Omit<NewCoding, 'codeId'> & { parentId?: Id | null }, env: CoreEnv): Result<{ data: ProjectData; code: Code; coding: Coding }> {
  const t = trimRange(text, Math.max(0, c.start), Math.min(text.length, c.end));
  if (t.end <= t.start) return err('invalid', 'Select some text first: it becomes the new code’s name');
  const name = inVivoName(text.slice(t.start, t.end));
  const made = createCode(data, { name, parentId: c.parentId ?? null }, env);
  if (!made.ok) return made;
  const coded = addCoding(made.value.data, text, { documentId: c.documentId, coderId: c.coderId, codeId: made.value.code.id, start: t.start, end: t.end, ...(c.memo ? { memo: c.memo } : {}) }, env);
  if (!coded.ok) return coded;
  return ok({ data: coded.value.data, code: made.value.code, coding: coded.value.coding });
}

/** The name an in-vivo code takes from its quote: one line, no path separator, at most 60 characters. */
export function inVivoName(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').replace(/\//g, '-').trim();
  if (flat.length <= 60) return flat;
  const cut = flat.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).trim()}…`;
}

/**
 * The next word boundary from `offset` in direction `dir`, for nudging a coding's start or end
 * by one word: forward skips the rest of the current word and the spaces after it; backward the
 * spaces before and the word before. Clamped to the text.
 */
export function wordStep(text: string, offset: number, dir: 1 | -1): number {
  let i = Math.max(0, Math.min(offset, text.length));
  const space = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
  if (dir > 0) {
    while (i < text.length && space(text[i])) i++;
    while (i < text.length && !space(text[i])) i++;
    return i;
  }
  while (i > 0 && space(text[i - 1])) i--;
  while (i > 0 && !space(text[i - 1])) i--;
  return i;
}
