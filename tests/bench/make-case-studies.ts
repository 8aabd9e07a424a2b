/**
 * Writes a folder of generated case studies in the format of seed 000 (Pelican front matter,
 * scorecard sections, a table, footnotes): `npx tsx tests/bench/make-case-studies.ts DIR [COUNT]`,
 * or call {@link makeCaseStudies}. 200 files make about 10 MB. Deterministic (seeded), invented text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTRIES = ['Aldoria', 'Belmora', 'Corvane', 'Dastria', 'Elvania', 'Fennmark', 'Galdera', 'Hollin', 'Istrava', 'Jorvik'];
const SECTIONS = ['Background', 'Direct diplomacy', 'Indirect pressure', 'Concerns', 'Outcomes', 'Conditioning factors'];
const WORDS = 'the embassy ministry shelter victims report tier law police plan meeting minister officials cable ranking pressure training prosecutions labor border statute funding assessment'.split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

/** One case study of roughly `bytes` bytes. */
export function caseStudy(i: number, bytes = 47_000): string {
  const r = rng(i + 1);
  const word = (): string => WORDS[Math.floor(r() * WORDS.length)] ?? 'the';
  const sentence = (): string => {
    const n = 8 + Math.floor(r() * 14);
    const w = Array.from({ length: n }, word);
    if (r() < 0.15) w[2] = `*${w[2] ?? ''}*`;
    if (r() < 0.08) w[4] = `**${w[4] ?? ''}**`;
    return `${(w.join(' ')[0] ?? 'T').toUpperCase()}${w.join(' ').slice(1)}.`;
  };
  const country = `${COUNTRIES[i % COUNTRIES.length] ?? 'X'} ${Math.floor(i / COUNTRIES.length) + 1}`;
  const out: string[] = [`Title: ${country}`, `Slug: case-studies/case-${i}`, 'Template: case', '', '[TOC]', ''];
  let notes = 0;
  let size = 0;
  for (let s = 0; size < bytes; s++) {
    out.push(`## ${SECTIONS[s % SECTIONS.length] ?? 'Notes'}`, '');
    for (let p = 0; p < 6 && size < bytes; p++) {
      const lines: string[] = [];
      for (let k = 0; k < 5; k++) {
        let t = sentence();
        if (r() < 0.3) t += `[^${++notes}]`;
        lines.push(t);
      }
      const para = lines
        .join(' ')
        .replace(/(.{1,78})(\s|$)/g, '$1\n')
        .trim();
      out.push(para, '');
      size += para.length;
    }
    if (s === 1) out.push('Statistic | Value', '--- | ---', `Aid from US | $${Math.floor(r() * 1000)} million`, `Tier | ${1 + Math.floor(r() * 3)}`, '');
  }
  for (let n = 1; n <= notes; n++) out.push(`[^${n}]: Cable ${n} from the embassy, ${2000 + (n % 20)}.`);
  return out.join('\n') + '\n';
}

/** Write `count` case studies as `case-NNN.md` into `dir`; returns the total size in bytes. */
export function makeCaseStudies(dir: string, count = 200): number {
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let i = 0; i < count; i++) {
    const text = caseStudy(i);
    writeFileSync(join(dir, `case-${String(i).padStart(3, '0')}.md`), text);
    total += Buffer.byteLength(text);
  }
  return total;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: make-case-studies.ts DIR [COUNT]');
  const bytes = makeCaseStudies(dir, Number(process.argv[3] ?? 200));
  process.stdout.write(`${(bytes / 1048576).toFixed(1)} MB written to ${dir}\n`);
}
