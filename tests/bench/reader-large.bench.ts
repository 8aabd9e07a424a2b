import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { makeAnchor, trimRange } from '../../src/core/codings/anchor.js';
import { faithfulTextToDoc, normalizeNewlines } from '../../src/core/document/plain-text.js';
import type { ProjectData, SourceContent } from '../../src/core/model/types.js';
import { TEXT_VERSION } from '../../src/core/model/types.js';
import { sha256Hex } from '../../src/core/util/hash.js';
import { SEEDS, startApp } from '../e2e/app.js';
import { generateProject } from './generate-project.js';
import { result, type BenchResult } from './harness.js';
import { codeAndUndo, firstRenderMs, noopTransactionMs, staticHtmlMs } from './reader-probe.js';

/** The size of the first-render budget; the round trip is measured at every size in {@link SIZES}. */
const CODINGS = 50_000;
/** Codings moved into the one long document whose first render is measured (at most 40% of a project's). */
const IN_ONE_DOCUMENT = 20_000;
const REPS = 5;
/** Project sizes measured (`READER_SIZES=50000` narrows them). */
const SIZES = (process.env['READER_SIZES'] ?? '1000,10000,50000,200000').split(',').map(Number);
const label = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * A generated project of `codings` codings (1,000 documents, three coders) whose first document is
 * seed 002 in full (248 KB) holding 20,000 of those codings (40% of them in smaller projects),
 * spread over its text by a fixed PRNG.
 */
export function buildProject(codings: number): { dir: string; big: string; small: string; text: string; inOne: number } {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-bench-home-'));
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-bench-large-')), 'p');
  generateProject(dir, { codings });
  const inOne = Math.min(IN_ONE_DOCUMENT, Math.floor(codings * 0.4));
  const file = join(dir, 'casecoder.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as ProjectData;
  const doc = data.documents[0];
  if (!doc) throw new Error('no document generated');
  const text = normalizeNewlines(readFileSync(join(SEEDS, '002_3a38896384b8e93f.txt'), 'utf8')).trim();
  const source: SourceContent = { id: doc.id, textVersion: TEXT_VERSION, doc: faithfulTextToDoc(text), text, textHash: sha256Hex(text) };
  writeFileSync(join(dir, 'sources', `${doc.id}.json`), JSON.stringify(source));
  doc.textHash = source.textHash;
  doc.chars = text.length;
  let a = 2002;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0, moved = 0; moved < inOne && i < data.codings.length; i++) {
    const c = data.codings[i];
    if (!c) continue;
    const start = Math.floor(rnd() * (text.length - 200));
    const span = trimRange(text, start, start + 12 + Math.floor(rnd() * 150));
    const anchor = makeAnchor(text, span.start, span.end);
    if (!anchor) continue;
    data.codings[i] = { ...c, documentId: doc.id, ...anchor };
    moved++;
  }
  writeFileSync(file, JSON.stringify(data) + '\n');
  return { dir, big: doc.title, small: data.documents[1]?.title as string, text, inOne };
}

/**
 * The reader at scale, in Chromium: first render of one document holding 20,000 codings (of a
 * 50,000-coding project) against the same text as static HTML; a coding's round trip and its undo
 * at every size in {@link SIZES} against a no-op ProseMirror transaction, with the renderer's share
 * of the round trip (change set received → highlight laid out) reported on its own.
 */
export default async function run(): Promise<BenchResult[]> {
  await build({ configFile: join(import.meta.dirname, '..', '..', 'vite.renderer.config.ts'), logLevel: 'warn' });
  const out: BenchResult[] = [];
  for (const size of SIZES) out.push(...(await measure(size)));
  return out;
}

async function measure(codings: number): Promise<BenchResult[]> {
  const { dir, big, small, text, inOne } = buildProject(codings);
  const app = await startApp({ dir, coder: 'Ana' });
  const { page } = app;
  const out: BenchResult[] = [];
  const n = label(codings);
  try {
    await page.getByRole('heading', { name: big, level: 1 }).waitFor({ timeout: 120_000 });
    if (codings === CODINGS) {
      const firstRender = await firstRenderMs(page, big, small, REPS);
      const pieces = await page.locator('.reader-doc .hl').count();
      const staticMs = await staticHtmlMs(page, text, REPS);
      out.push(
        result(
          'reader.first_render_20k_ms',
          firstRender,
          'ms',
          'the same text as static HTML in the same page',
          staticMs,
          `seed 002 holding ${inOne} of ${codings} codings (${pieces} highlight pieces drawn near the viewport); budget 3× baseline`,
        ),
      );
    }
    const noop = await noopTransactionMs(page);
    const t = await codeAndUndo(page, REPS);
    const where = `${codings} codings, ${inOne} in the document shown`;
    out.push(result(`reader.add_coding_roundtrip_${n}_ms`, t.roundtrip, 'ms', 'a no-op ProseMirror transaction', noop, `${where}: key press → HTTP → durable commit → change set → highlight laid out; budget 50 ms`));
    out.push(result(`reader.apply_coding_${n}_ms`, t.applied, 'ms', 'a no-op ProseMirror transaction', noop, "the renderer's share: change set received (result or event, whichever first) → applied → highlight laid out"));
    out.push(result(`reader.undo_coding_${n}_ms`, t.undo, 'ms', 'a no-op ProseMirror transaction', noop, `${where}: Ctrl+Z → HTTP → durable commit → highlight removed and laid out; budget 50 ms`));
    if (app.pageErrors.length) throw new Error(`page errors: ${app.pageErrors.join('; ')}`);
  } finally {
    await app.close();
  }
  return out;
}
