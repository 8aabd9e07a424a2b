import type { Code, Id, ProjectData } from '../model/types.js';
import { err, ok, type Result } from '../model/result.js';
import { codePaths, flattenTree } from './paths.js';
import { codebookFromTemplate, type CodebookTemplate } from './template.js';
import { checkName, withCodebook } from './edit.js';

/**
 * Codebook exchange: a JSON form that round-trips (the shipped template format, so a project's
 * codebook can become a template) and a Markdown appendix for a methods section.
 */

/** The exported JSON: the template format plus the project's codebook version. */
export interface CodebookJson extends CodebookTemplate {
  format: 'casecoder-codebook';
  codebookVersion: number;
}

/** Export the codebook in tree order (parents before children), ready for {@link importCodebook}. */
export function codebookToJson(data: ProjectData): CodebookJson {
  return {
    format: 'casecoder-codebook',
    name: data.project.name,
    version: 1,
    codebookVersion: data.project.codebookVersion,
    codes: flattenTree(data.codebook).map(({ code: c }) => ({
      id: c.id,
      name: c.name,
      ...(c.parentId ? { parent: c.parentId } : {}),
      color: c.color,
      ...(c.shortcut ? { shortcut: c.shortcut } : {}),
      description: c.description,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      example: c.example,
    })),
  };
}

/** Per code: coded passages and the documents they fall in (all coders). */
export function codeUsage(data: ProjectData): Map<Id, { codings: number; documents: number }> {
  const docs = new Map<Id, Set<Id>>();
  const n = new Map<Id, number>();
  for (const g of data.codings) {
    n.set(g.codeId, (n.get(g.codeId) ?? 0) + 1);
    const s = docs.get(g.codeId) ?? new Set<Id>();
    s.add(g.documentId);
    docs.set(g.codeId, s);
  }
  return new Map(data.codebook.map((c) => [c.id, { codings: n.get(c.id) ?? 0, documents: docs.get(c.id)?.size ?? 0 }]));
}

/** Escape text for a Markdown paragraph (no HTML, no accidental emphasis or headings). */
function md(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    .trim();
}

/**
 * The codebook as a Markdown appendix: one section per code (heading depth follows the tree, to
 * level 6), with its definition, inclusion and exclusion rules, example, and counts of coded
 * passages and documents. Empty fields are left out, not printed as blanks.
 */
export function codebookToMarkdown(data: ProjectData): string {
  const usage = codeUsage(data);
  const paths = codePaths(data.codebook);
  const out: string[] = [`# Codebook: ${md(data.project.name)}`, '', `Codebook version ${data.project.codebookVersion}; ${data.codebook.length} codes; ${data.codings.length} coded passages in ${data.documents.length} documents.`, ''];
  for (const { code, depth } of flattenTree(data.codebook)) {
    const u = usage.get(code.id) ?? { codings: 0, documents: 0 };
    out.push(`${'#'.repeat(Math.min(6, depth + 2))} ${md(code.name)}`, '');
    if (depth > 0) out.push(`*Path:* ${md(paths.get(code.id) ?? code.name)}  `);
    out.push(`*Coded passages:* ${u.codings} in ${u.documents} document${u.documents === 1 ? '' : 's'}${code.shortcut ? `; shortcut key ${code.shortcut}` : ''}`, '');
    const field = (label: string, v: string): void => {
      if (v.trim()) out.push(`**${label}.** ${md(v)}`, '');
    };
    field('Definition', code.description);
    field('Include', code.inclusion);
    field('Exclude', code.exclusion);
    if (code.example.trim())
      out.push(
        `**Example.**`,
        '',
        ...md(code.example)
          .split('\n')
          .map((l) => `> ${l}`),
        '',
      );
  }
  return out.join('\n');
}

/** What an import did. */
export interface ImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Import a JSON codebook (the format of {@link codebookToJson} or a shipped template) into the
 * project without losing anything: a code matches an existing one by id, else by path; matched
 * codes take the imported fields (and parent), new codes are added under their imported parent.
 * No code is deleted. Invalid input changes nothing and says what is wrong.
 */
export function importCodebook(data: ProjectData, json: unknown): Result<{ data: ProjectData } & ImportOutcome> {
  const parsed = codebookFromTemplate(json);
  if (!parsed.ok) return parsed;
  const incoming = parsed.value;
  if (incoming.length > 5000) return err('too-large', 'A codebook can hold at most 5,000 codes');
  const inPaths = codePaths(incoming);
  const byPath = new Map([...codePaths(data.codebook)].map(([id, p]) => [p.toLowerCase(), id]));
  const existingIds = new Set(data.codebook.map((c) => c.id));
  const map = new Map<Id, Id>();
  let codes: Code[] = [...data.codebook];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const c of incoming) {
    const parentId = c.parentId === null ? null : (map.get(c.parentId) ?? null);
    const matchId = existingIds.has(c.id) ? c.id : byPath.get((inPaths.get(c.id) ?? '').toLowerCase());
    if (matchId) {
      map.set(c.id, matchId);
      const old = codes.find((x) => x.id === matchId) as Code;
      const next: Code = { ...old, name: c.name, parentId, color: c.color, description: c.description, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example, shortcut: c.shortcut ?? old.shortcut };
      if (parentId !== null && wouldCycle(codes, matchId, parentId)) return err('invalid', `Importing would put "${c.name}" under its own sub-code`);
      const same = (Object.keys(next) as (keyof Code)[]).every((k) => next[k] === old[k]);
      if (same) unchanged++;
      else {
        const name = checkName(codes, c.name, parentId, matchId);
        if (!name.ok) return err(name.error.code, `${name.error.message} (importing ${inPaths.get(c.id) ?? c.name})`);
        codes = codes.map((x) => (x.id === matchId ? next : x));
        updated++;
      }
      continue;
    }
    const name = checkName(codes, c.name, parentId, null);
    if (!name.ok) return err(name.error.code, `${name.error.message} (importing ${inPaths.get(c.id) ?? c.name})`);
    const id = existingIds.has(c.id) || codes.some((x) => x.id === c.id) ? `${c.id}-${added}` : c.id;
    map.set(c.id, id);
    const order = codes.filter((x) => x.parentId === parentId).reduce((m, x) => Math.max(m, x.order + 1), 0);
    codes.push({ ...c, id, parentId, order });
    added++;
  }
  // A shortcut key belongs to one code: the imported assignment wins over an older holder.
  const claimed = new Map<string, Id>();
  for (const c of incoming) if (c.shortcut) claimed.set(c.shortcut, map.get(c.id) ?? c.id);
  codes = codes.map((c) => (c.shortcut && claimed.has(c.shortcut) && claimed.get(c.shortcut) !== c.id ? { ...c, shortcut: null } : c));
  if (added === 0 && updated === 0) return ok({ data, added, updated, unchanged });
  return ok({ data: withCodebook(data, codes), added, updated, unchanged });
}

function wouldCycle(codes: readonly Code[], id: Id, parentId: Id): boolean {
  const byId = new Map(codes.map((c) => [c.id, c]));
  for (let cur: Id | null = parentId, n = 0; cur !== null && n <= codes.length; n++) {
    if (cur === id) return true;
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Parse JSON text into an importable codebook value, with a specific error for bad JSON. */
export function parseCodebookJson(text: string): Result<unknown> {
  if (text.length > 5_000_000) return err('too-large', 'The codebook file is larger than 5 MB');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return err('invalid', `The codebook is not valid JSON: ${(e as Error).message}`);
  }
}
