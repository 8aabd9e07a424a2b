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

const CODINGS = 50_000;
/** Codings moved into the one long document whose first render is measured. */
const IN_ONE_DOCUMENT = 20_000;
const REPS = 5;

/**
 * A generated 50,000-coding project (1,000 documents, three coders) whose first document is seed
 * 002 in full (248 KB) holding 20,000 of those codings, spread over its text by a fixed PRNG.
 */
function buildProject(): { dir: string; big: string; small: string; text: string } {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-bench-home-'));
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-bench-large-')), 'p');
  generateProject(dir, { codings: CODINGS });
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
  for (let i = 0, moved = 0; moved < IN_ONE_DOCUMENT && i < data.codings.length; i++) {
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
  return { dir, big: doc.title, small: data.documents[1]?.title as string, text };
}

/**
 * The reader at scale, in Chromium: first render of one document holding 20,000 codings against
 * the same text as static HTML; a coding's round trip and its undo on a 50,000-coding project
 * against a no-op ProseMirror transaction, with the renderer's share of the round trip (response
 * received → highlight laid out) reported on its own.
 */
export default async function run(): Promise<BenchResult[]> {
  const { dir, big, small, text } = buildProject();
  await build({ configFile: join(import.meta.dirname, '..', '..', 'vite.renderer.config.ts'), logLevel: 'warn' });
  const app = await startApp({ dir, coder: 'Ana' });
  const { page } = app;
  const out: BenchResult[] = [];
  try {
    await page.getByRole('heading', { name: big, level: 1 }).waitFor({ timeout: 120_000 });
    const firstRender = await firstRenderMs(page, big, small, REPS);
    const pieces = await page.locator('.reader-doc .hl').count();
    const staticMs = await staticHtmlMs(page, text, REPS);
    out.push(result('reader.first_render_20k_ms', firstRender, 'ms', 'the same text as static HTML in the same page', staticMs, `seed 002 holding ${IN_ONE_DOCUMENT} of ${CODINGS} codings (${pieces} highlight pieces); budget 3× baseline`));
    const noop = await noopTransactionMs(page);
    const t = await codeAndUndo(page, REPS);
    out.push(result('reader.add_coding_roundtrip_50k_ms', t.roundtrip, 'ms', 'a no-op ProseMirror transaction', noop, `${CODINGS} codings: key press → HTTP → durable commit → change set → highlight laid out; budget 50 ms`));
    out.push(result('reader.apply_coding_50k_ms', t.applied, 'ms', 'a no-op ProseMirror transaction', noop, 'the renderer\'s share: response received → change set applied → highlight laid out'));
    out.push(result('reader.undo_coding_50k_ms', t.undo, 'ms', 'a no-op ProseMirror transaction', noop, `${CODINGS} codings: Ctrl+Z → HTTP → durable commit → highlight removed and laid out; budget 50 ms`));
    if (app.pageErrors.length) throw new Error(`page errors: ${app.pageErrors.join('; ')}`);
  } finally {
    await app.close();
  }
  return out;
}
