import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodings, fleissKappa, krippendorffAlpha, seededRandom, type Comparison } from '../../src/core/agreement/index.js';
import type { Coding } from '../../src/core/model/types.js';
import { medianMs, result, type BenchResult } from './harness.js';

const CODERS = ['c1', 'c2', 'c3', 'c4'];
const CODES = ['k1', 'k2', 'k3', 'k4', 'k5'];
const DOCS = 20;
const LENGTH = 4000;
const PER_CELL = 50; // codings per coder per code per document: 4 × 20 × 5 × 50 = 20,000

/** 20,000 codings: per document and code, 50 "true" passages each coder codes with jittered
 * boundaries (85%) or replaces by a stray passage (15%). Seeded, so every run has the same data. */
function generate(): { codings: Coding[]; docs: { id: string; length: number }[] } {
  const rand = seededRandom(20240501);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const codings: Coding[] = [];
  const docs = Array.from({ length: DOCS }, (_, d) => ({ id: `doc${d + 1}`, length: LENGTH }));
  for (const doc of docs) {
    for (const code of CODES) {
      const truth = Array.from({ length: PER_CELL }, () => {
        const len = int(10, 120);
        const start = int(0, LENGTH - len);
        return [start, start + len] as const;
      });
      for (const coder of CODERS) {
        for (const [s, e] of truth) {
          let start = s;
          let end = e;
          if (rand() < 0.85) {
            start = Math.max(0, s + int(-3, 3));
            end = Math.min(LENGTH, Math.max(start + 1, e + int(-3, 3)));
          } else {
            start = int(0, LENGTH - 40);
            end = start + int(5, 40);
          }
          codings.push({ id: `${codings.length}`, documentId: doc.id, codeId: code, coderId: coder, start, end, exact: '', prefix: '', suffix: '', memo: '', created: '', updated: '' });
        }
      }
    }
  }
  return { codings, docs };
}

interface NltkTimes {
  init_ms: number;
  alpha_ms: number;
  pi_ms: number;
  alpha: number;
  pi: number;
  items: number;
}

function runNltk(codings: Coding[], docs: { id: string; length: number }[], segment: Comparison): { character: NltkTimes; segment: NltkTimes } | string {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import nltk'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'python3-nltk is not installed for /usr/bin/python3 (apt-get install -y python3-nltk)';
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  try {
    const input = join(dir, 'data.json');
    const segmentUnits = segment.pooled.data.units.map((row, u) => [segment.pooled.data.unitIds?.[u] ?? String(u), row]);
    writeFileSync(
      input,
      JSON.stringify({
        coders: CODERS,
        codes: CODES,
        lengths: Object.fromEntries(docs.map((d) => [d.id, d.length])),
        codings: codings.map((c) => [c.documentId, c.codeId, c.coderId, c.start, c.end]),
        segmentUnits,
      }),
    );
    const script = fileURLToPath(new URL('./agreement-nltk.py', import.meta.url));
    const run = spawnSync('/usr/bin/python3', [script, input], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) return `NLTK run failed: ${run.stderr.split('\n').slice(-3).join(' ')}`;
    return JSON.parse(run.stdout) as { character: NltkTimes; segment: NltkTimes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function agreeNote(label: string, ours: number | null, theirs: number): { note: string; ok: boolean } {
  const diff = ours === null ? Infinity : Math.abs(ours - theirs);
  const ok = diff <= 1e-9;
  return { note: `${label} ours ${ours} vs NLTK ${theirs}, |Δ| = ${diff.toExponential(2)} ${ok ? '≤ 1e-9' : 'MISMATCH'}`, ok };
}

/**
 * Agreement over 4 coders × 20 documents × 20,000 codings (5 codes, 4,000-character documents):
 * the full comparison (every code × document cell, per code, per document and pooled; percent,
 * Fleiss' kappa and alpha with their tables) at character and segment level, paired with NLTK's
 * AnnotationTask (construction + alpha(), and + pi() = Fleiss' kappa) on the pooled reliability
 * data of the same codings. NLTK builds its character units itself from the raw codings.
 */
export default async function run(): Promise<BenchResult[]> {
  const { codings, docs } = generate();
  let charCmp: Comparison | undefined;
  let segCmp: Comparison | undefined;
  const charMs = await medianMs(() => {
    const r = compareCodings(codings, docs, CODERS, CODES, 'character');
    if (r.ok) charCmp = r.value;
  }, 7);
  const segMs = await medianMs(() => {
    const r = compareCodings(codings, docs, CODERS, CODES, 'segment');
    if (r.ok) segCmp = r.value;
  }, 7);
  if (!charCmp || !segCmp) throw new Error('comparison failed');
  const nltk = runNltk(codings, docs, segCmp);
  const scope = `${codings.length} codings, ${charCmp.pooled.units} character units, ${segCmp.pooled.units} segment units`;
  if (typeof nltk === 'string') {
    // Fallback baseline: one bare pass over the same coding arrays.
    const starts = Int32Array.from(codings, (c) => c.start);
    const ends = Int32Array.from(codings, (c) => c.end);
    let sink = 0;
    const bare = await medianMs(() => {
      for (let i = 0; i < starts.length; i++) sink += (ends[i] ?? 0) - (starts[i] ?? 0);
    }, 7);
    void sink;
    const note = `NLTK baseline unavailable (${nltk}); baseline is a bare pass over the codings; ${scope}`;
    return [result('agreement.alpha_ms', charMs, 'ms', 'bare pass over the same arrays', bare, note), result('agreement.alpha_segment_ms', segMs, 'ms', 'bare pass over the same arrays', bare, note)];
  }
  // Coefficients alone on the identical segment units NLTK receives (no matching).
  const segData = segCmp.pooled.data;
  const segAlphaMs = await medianMs(() => krippendorffAlpha(segData, 'nominal'), 15);
  const segKappaMs = await medianMs(() => fleissKappa(segData), 15);
  const checks = [
    agreeNote('character alpha', charCmp.pooled.alpha.value, nltk.character.alpha),
    agreeNote('character Fleiss kappa', charCmp.pooled.kappa.value, nltk.character.pi),
    agreeNote('segment alpha', segCmp.pooled.alpha.value, nltk.segment.alpha),
    agreeNote('segment Fleiss kappa', segCmp.pooled.kappa.value, nltk.segment.pi),
  ];
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
  const [ca, ck, sa, sk] = checks.map((c) => c.note);
  const speed = (ours: number, theirs: number) => `${(theirs / ours).toFixed(1)}× faster than NLTK`;
  const cAlpha = nltk.character.init_ms + nltk.character.alpha_ms;
  const cPi = nltk.character.init_ms + nltk.character.pi_ms;
  const sAlpha = nltk.segment.init_ms + nltk.segment.alpha_ms;
  const sPi = nltk.segment.init_ms + nltk.segment.pi_ms;
  const sBoth = nltk.segment.init_ms + nltk.segment.alpha_ms + nltk.segment.pi_ms;
  return [
    result(
      'agreement.alpha_ms',
      charMs,
      'ms',
      'NLTK AnnotationTask + alpha() on the same character units',
      cAlpha,
      `${speed(charMs, cAlpha)}; ${ca}; ${scope}; ours = the whole character comparison from raw codings (units, all cells, pooled, tables), NLTK's unit building not timed`,
    ),
    result('agreement.kappa_char_ms', charMs, 'ms', 'NLTK AnnotationTask + pi() (Fleiss) on the same character units', cPi, `${speed(charMs, cPi)}; ${ck}; ours = the same whole comparison`),
    result('agreement.alpha_segment_ms', segAlphaMs, 'ms', 'NLTK AnnotationTask + alpha() on the same segment units', sAlpha, `${speed(segAlphaMs, sAlpha)}; ${sa}; both on the ${segCmp.pooled.units} pooled segment units`),
    result('agreement.kappa_segment_ms', segKappaMs, 'ms', 'NLTK AnnotationTask + pi() (Fleiss) on the same segment units', sPi, `${speed(segKappaMs, sPi)}; ${sk}`),
    result(
      'agreement.compare_segment_ms',
      segMs,
      'ms',
      'NLTK AnnotationTask + alpha() + pi() on the matched segment units',
      sBoth,
      `${speed(segMs, sBoth)}; ours = segment matching of 20,000 codings + every cell and pooled figure; NLTK gets the already matched units`,
    ),
  ];
}
