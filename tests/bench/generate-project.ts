/**
 * Large-project generator for benchmarks and end-to-end runs.
 *
 * Writes a valid project folder: `casecoder.json` (default codebook and matrices, cases with
 * attributes, three coders, documents, codings with valid anchors, ratings and memos) and one
 * `sources/<id>.json` per document. Documents are windows of paragraphs of the real seeds, so
 * texts, anchors and quotes look like real work. Deterministic for a given seed (ids, times and
 * spans all come from one PRNG), and fast: `casecoder.json` is written in chunks, never as one
 * string, so a million codings fit.
 *
 * CLI: `npx tsx tests/bench/generate-project.ts DIR [--codings N] [--documents N] [--seed N]`.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeAnchor, trimRange } from '../../src/core/codings/anchor.js';
import { faithfulTextToDoc, normalizeNewlines } from '../../src/core/document/plain-text.js';
import { ensureDefaultMatrices } from '../../src/core/matrix/matrix-ops.js';
import { createProject } from '../../src/core/model/project.js';
import type { Case, Coder, Coding, DocumentMeta, Memo, ProjectData, Rating, SourceContent } from '../../src/core/model/types.js';
import { TEXT_VERSION } from '../../src/core/model/types.js';
import { sha256Hex } from '../../src/core/util/hash.js';
import { defaultCodebook } from '../../src/main/service/defaults.js';
import { seededRandom as prng } from '../support/prng.js';
import { fixedEnv } from '../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** Where the seed corpus lives (outside the repository; see its README). */
export const SEEDS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

/** Options of {@link generateProject}. */
export interface GenerateOptions {
  /** Number of codings (default 10,000; up to 1,000,000 and more). */
  codings?: number;
  /** Number of documents (default 1,000). */
  documents?: number;
  /** Number of cases (default 60). */
  cases?: number;
  /** PRNG seed (default 1): the same options give the same bytes. */
  seed?: number;
}

/** What was written. */
export interface GeneratedProject {
  dir: string;
  coders: Coder[];
  documents: number;
  codings: number;
  ratings: number;
  memos: number;
  /** Bytes of casecoder.json. */
  bytes: number;
}

function seedParagraphs(): string[][] {
  const files = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (files.length === 0) throw new Error(`no seed texts in ${SEEDS_DIR}`);
  return files.map((f) =>
    normalizeNewlines(readFileSync(join(SEEDS_DIR, f), 'utf8'))
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  );
}

const id = (prefix: string, n: number): string => `${prefix}${n.toString(36).padStart(8, '0')}`;

/** Write `dir` (created; must not hold a project yet) and return what it holds. */
export function generateProject(dir: string, options: GenerateOptions = {}): GeneratedProject {
  const nCodings = options.codings ?? 10_000;
  const nDocs = options.documents ?? 1_000;
  const nCases = options.cases ?? 60;
  const rnd = prng(options.seed ?? 1);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const abs = resolve(dir);
  if (existsSync(join(abs, 'casecoder.json'))) throw new Error(`${abs} already holds a project`);
  mkdirSync(join(abs, 'sources'), { recursive: true });

  const codebook = defaultCodebook();
  if (!codebook.ok) throw new Error(codebook.error.message);
  const epoch = Date.UTC(2026, 0, 5);
  const time = (n: number): string => new Date(epoch + n * 1000).toISOString();
  const base = ensureDefaultMatrices({ ...createProject('Generated study', codebook.value, coreEnv), project: { id: 'p_generated', name: 'Generated study', created: time(0), codebookVersion: 1 } });
  const coders: Coder[] = [
    { id: 'u_ana', name: 'Ana' },
    { id: 'u_ben', name: 'Ben' },
    { id: 'u_chioma', name: 'Chioma' },
  ];
  const regions = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
  const cases: Case[] = Array.from({ length: nCases }, (_, i) => ({ id: id('k_', i), name: `Country ${i + 1}`, attributes: { region: regions[i % regions.length] as string, tier: (i % 3) + 1, treaty: i % 2 === 0 } }));

  // Documents: windows of seed paragraphs; the window start and length make each text distinct.
  const seeds = seedParagraphs();
  const documents: DocumentMeta[] = [];
  const texts: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < nDocs; i++) {
    const paras = seeds[i % seeds.length] as string[];
    let text = '';
    for (let attempt = 0; ; attempt++) {
      const len = Math.min(paras.length, int(8, 40) + attempt);
      const from = int(0, Math.max(0, paras.length - len));
      text = `Report ${i + 1}\n\n${paras.slice(from, from + len).join('\n\n')}`;
      if (!seen.has(text)) break;
    }
    seen.add(text);
    const docId = id('d_', i);
    const textHash = sha256Hex(text);
    const source: SourceContent = { id: docId, textVersion: TEXT_VERSION, doc: faithfulTextToDoc(text), text, textHash };
    writeAll(join(abs, 'sources', `${docId}.json`), [JSON.stringify(source)], false);
    texts.push(text);
    documents.push({ id: docId, caseId: (cases[i % nCases] as Case).id, title: `Report ${i + 1}`, sourceFile: `report-${i + 1}.txt`, format: 'txt', textHash, chars: text.length, importedAt: time(1 + i), textVersion: TEXT_VERSION });
  }

  const leafCodes = codebook.value.filter((c) => !codebook.value.some((k) => k.parentId === c.id));
  const makeCoding = (n: number): Coding => {
    for (;;) {
      const d = int(0, nDocs - 1);
      const text = texts[d] as string;
      const start = int(0, Math.max(0, text.length - 40));
      const end = Math.min(text.length, start + int(12, 160));
      const t = trimRange(text, start, end);
      const anchor = makeAnchor(text, t.start, t.end);
      if (!anchor) continue;
      const at = time(10_000 + n);
      return {
        id: id('g_', n),
        documentId: (documents[d] as DocumentMeta).id,
        codeId: (leafCodes[int(0, leafCodes.length - 1)] as { id: string }).id,
        coderId: (coders[n % 3] as Coder).id,
        ...anchor,
        memo: n % 50 === 0 ? `Note on passage ${n}` : '',
        created: at,
        updated: at,
      };
    }
  };

  const ratings: Rating[] = [];
  for (const m of base.matrices) {
    for (const k of cases.slice(0, Math.ceil(nCases / 2))) {
      for (const codeId of m.columns) {
        for (const c of coders) {
          if (rnd() < 0.5) continue;
          ratings.push({ id: id('r_', ratings.length), matrixId: m.id, caseId: k.id, codeId, coderId: c.id, value: m.scale[int(0, m.scale.length - 1)] ?? null, note: '', evidence: [], updated: time(5_000 + ratings.length) });
        }
      }
    }
  }
  const memos: Memo[] = documents.slice(0, 50).map((d, i) => ({ id: id('m_', i), target: { kind: 'document', id: d.id }, coderId: (coders[i % 3] as Coder).id, text: `First reading of ${d.title}.`, updated: time(3_000 + i) }));

  const data: ProjectData = {
    ...base,
    coders,
    attributeDefs: [
      { name: 'region', type: 'text' },
      { name: 'tier', type: 'number' },
      { name: 'treaty', type: 'boolean' },
    ],
    cases,
    documents,
    codings: [],
    ratings,
    memos,
  };
  // casecoder.json as compact JSON (what JSON.stringify(data) would give), codings in chunks.
  const head = JSON.stringify({ ...data, codings: [] });
  const marker = '"codings":[]';
  const cut = head.indexOf(marker) + '"codings":['.length;
  const chunks: string[] = [head.slice(0, cut)];
  const CHUNK = 20_000;
  for (let n = 0; n < nCodings; n += CHUNK) {
    const part: string[] = [];
    for (let k = n; k < Math.min(nCodings, n + CHUNK); k++) part.push(JSON.stringify(makeCoding(k)));
    chunks.push((n > 0 ? ',' : '') + part.join(','));
  }
  chunks.push(`${head.slice(cut)}\n`);
  const bytes = writeAll(join(abs, 'casecoder.json'), chunks);
  return { dir: abs, coders, documents: nDocs, codings: nCodings, ratings: ratings.length, memos: memos.length, bytes };
}

function writeAll(path: string, parts: string[], sync = true): number {
  const fd = openSync(path, 'wx');
  let bytes = 0;
  try {
    for (const p of parts) bytes += writeSync(fd, p);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function argValue(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = Number((args[i + 1] ?? '').replace(/_/g, ''));
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a whole number`);
  return v;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (!dir || dir.startsWith('--')) {
    process.stderr.write('usage: npx tsx tests/bench/generate-project.ts DIR [--codings N] [--documents N] [--cases N] [--seed N]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const opts: GenerateOptions = {};
  const codings = argValue(args, '--codings');
  const documents = argValue(args, '--documents');
  const cases = argValue(args, '--cases');
  const seed = argValue(args, '--seed');
  if (codings !== undefined) opts.codings = codings;
  if (documents !== undefined) opts.documents = documents;
  if (cases !== undefined) opts.cases = cases;
  if (seed !== undefined) opts.seed = seed;
  const g = generateProject(dir, opts);
  process.stdout.write(`${g.dir}: ${g.documents} documents, ${g.codings} codings, ${g.ratings} ratings, ${g.memos} memos, casecoder.json ${(g.bytes / 1_048_576).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms\n`);
}
