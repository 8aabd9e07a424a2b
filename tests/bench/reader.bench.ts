import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coding, ProjectData } from '../../src/core/model/types.js';
import { ok, type Result } from '../../src/core/model/result.js';
import { makeAnchor } from '../../src/core/codings/anchor.js';
import { SYSTEM_ENV } from '../../src/shared/system-env.js';
import { retrievePassages } from '../../src/core/retrieval/passages.js';
import { createService } from '../../src/main/service/service.js';
import { build } from 'vite';
import { SEEDS, startApp } from '../e2e/app.js';
import { medianMs, result, type BenchResult } from './harness.js';
import { codeAndUndo, firstRenderMs, noopTransactionMs, staticHtmlMs } from './reader-probe.js';
import { seededRandom as prng } from '../support/prng.js';

const CODINGS = 5000;
const REPS = 5;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A project holding seed 002 (248 KB) with 5,000 codings of 10–400 characters over all codes, and seed 000 to switch to. */
async function buildProject(): Promise<{ dir: string; data: ProjectData; bigId: string; smallId: string }> {
  process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-bench-home-'));
  const dir = join(mkdtempSync(join(tmpdir(), 'cc-bench-reader-')), 'p');
  const svc = createService({ appVersion: 'bench', transport: 'cli' });
  must(await svc.call('project.create', { dir }));
  must(await svc.call('coder.use', { name: 'Ana' }));
  const rep = must(await svc.call('import.files', { paths: [join(SEEDS, '002_3a38896384b8e93f.txt'), join(SEEDS, '000_b19cde1f6a69a6f8.txt')] })) as { value: { files: { documentIds: string[] }[] } };
  const bigId = rep.value.files[0]?.documentIds[0] as string;
  const smallId = rep.value.files[1]?.documentIds[0] as string;
  const session = svc.context.session;
  if (!session) throw new Error('no session');
  const text = must(await session.store.readSource(bigId)).text;
  const rnd = prng(2002);
  const codes = session.data.codebook.map((c) => c.id);
  const coderId = session.coderId as string;
  const codings: Coding[] = [];
  while (codings.length < CODINGS) {
    const start = Math.floor(rnd() * (text.length - 500));
    const a = makeAnchor(text, start, start + 10 + Math.floor(rnd() * 390));
    if (!a || !a.exact.trim()) continue;
    const t = SYSTEM_ENV.now();
    codings.push({ id: SYSTEM_ENV.newId('g_'), documentId: bigId, codeId: codes[codings.length % codes.length] as string, coderId, ...a, memo: '', created: t, updated: t });
  }
  must(await session.mutate('bench codings', (d) => ok({ data: { ...d, codings: [...d.codings, ...codings] }, value: null }), false));
  const data = session.data;
  await svc.close();
  return { dir, data, bigId, smallId };
}

/**
 * The reader in Chromium on seed 002 with 5,000 codings: first render (EditorView created with
 * its highlights, laid out, from the reader's own performance marks) against setting the same
 * text as static HTML in the same page; a new coding visible (key press to highlight laid out,
 * through the backend's durable commit) against a no-op ProseMirror transaction; undoing it; and
 * retrieving all passages of one code against a bare array filter.
 */
export default async function run(): Promise<BenchResult[]> {
  const { dir, data, bigId, smallId } = await buildProject();
  // Always build from the current sources (as the e2e setup does), never time a stale bundle.
  await build({ configFile: join(import.meta.dirname, '..', '..', 'vite.renderer.config.ts'), logLevel: 'warn' });
  const app = await startApp({ dir, coder: 'Ana' });
  const { page } = app;
  const out: BenchResult[] = [];
  try {
    const big = data.documents.find((d) => d.id === bigId)?.title as string;
    const small = data.documents.find((d) => d.id === smallId)?.title as string;
    // First render: switch away and back; read the reader's own measure of mounting seed 002.
    const firstRender = await firstRenderMs(page, big, small, REPS);
    const hlCount = await page.locator('.reader-doc .hl').count();
    const text = JSON.parse(readFileSync(join(dir, 'sources', `${bigId}.json`), 'utf8')) as { text: string };
    const staticMs = await staticHtmlMs(page, text.text, REPS);
    out.push(result('reader.first_render_ms', firstRender, 'ms', 'the same text as static HTML in the same page', staticMs, `seed 002, ${CODINGS} codings (${hlCount} highlight pieces); budget 300 ms`));
    const noop = await noopTransactionMs(page);
    // Add a coding with key 1 on a fresh paragraph each time; time key press → highlight applied and laid out.
    const t = await codeAndUndo(page, REPS);
    out.push(result('reader.add_coding_ms', t.shown, 'ms', 'a no-op ProseMirror transaction', noop, 'key press → passage drawn (pending until the backend acknowledges) and laid out; budget 30 ms'));
    out.push(result('reader.add_coding_roundtrip_ms', t.roundtrip, 'ms', 'a no-op ProseMirror transaction', noop, 'key press → HTTP → durable commit → patch (change set) → acknowledged highlight laid out'));
    out.push(result('reader.undo_coding_ms', t.undo, 'ms', 'a no-op ProseMirror transaction', noop, 'Ctrl+Z → HTTP → durable commit → highlight removed and laid out'));
    if (app.pageErrors.length) throw new Error(`page errors: ${app.pageErrors.join('; ')}`);
  } finally {
    await app.close();
  }
  const codeId = data.codebook[1]?.id as string;
  const retrieval = await medianMs(() => retrievePassages(data, { codeIds: [codeId], includeChildren: false }), 21);
  const bare = await medianMs(() => data.codings.filter((c) => c.codeId === codeId), 21);
  out.push(result('retrieval.code_passages_ms', retrieval, 'ms', 'a bare array filter by code', bare, `${CODINGS} codings; passages carry document, case, code path, coder, page and context`));
  return out;
}
