import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Result } from '../../../src/core/model/result.js';
import { run } from './run-cli.js';
import { createService } from '../../../src/main/service/service.js';
import { qdeOf, validateAgainst } from '../refi/refi-test-kit.js';

const SEED_000 = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds', '000_b19cde1f6a69a6f8.txt');
/** A case text saved on Windows: CRLF, emoji outside the BMP (so code points and UTF-16 units differ). */
const CRLF_TEXT = 'Legislation 🇺🇸 passed in 2014.\r\nThe ministry 👩🏽‍⚖️ set up a task force.\r\n\r\nNGOs welcomed the 𝒯ier 2 rating.\r\n';

async function ok(...args: string[]): Promise<string> {
  const r = await run(...args);
  if (r.code !== 0) throw new Error(`casecoder ${args.join(' ')} → ${r.code}: ${r.err}`);
  return r.out;
}

interface Info {
  counts: Record<string, number>;
  documents: { id: string; title: string; chars: number; case: string | null }[];
  cases: { name: string; attributes: Record<string, unknown> }[];
  codes: { path: string; color: string }[];
  coders: { name: string }[];
  codings: { document: string; code: string; coder: string; start: number; end: number; exact: string }[];
}

/** `info --json` keyed by titles instead of ids, sorted. */
function comparable(info: Info) {
  const title = (id: string) => info.documents.find((d) => d.id === id)?.title;
  return {
    documents: info.documents.map(({ title, chars, case: c }) => ({ title, chars, case: c })).sort((a, b) => a.title.localeCompare(b.title)),
    cases: info.cases.map(({ name, attributes }) => ({ name, attributes })).sort((a, b) => a.name.localeCompare(b.name)),
    codes: [...info.codes].sort((a, b) => a.path.localeCompare(b.path)),
    codings: info.codings
      .map(({ document, code, coder, start, end, exact }) => ({ document: title(document), code, coder, start, end, exact }))
      .sort((a, b) => `${a.document}|${a.start}|${a.coder}`.localeCompare(`${b.document}|${b.start}|${b.coder}`)),
  };
}

describe('casecoder export (REFI-QDA)', () => {
  let dir: string;
  let work: string;
  beforeAll(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    work = mkdtempSync(join(tmpdir(), 'cc-cli-refi-'));
    dir = join(work, 'study');
    await ok('init', dir, '--name', 'Scorecard study');
    const crlf = join(work, 'Windows notes.txt');
    writeFileSync(crlf, CRLF_TEXT);
    await ok('import', dir, SEED_000, '--case', 'Ecuador');
    await ok('import', dir, crlf, '--case', 'United States');
    await ok('case', dir, 'set', 'Ecuador', 'region=Americas', 'tier=2');
    const info = JSON.parse(await ok('info', dir, '--json')) as Info;
    for (const d of info.documents) {
      const text = await ok('text', dir, '--doc', d.id);
      const spans: [string, string, string, string][] =
        d.title === 'Windows notes'
          ? [
              ['Legislation', '2014.', 'Outcomes/Legislation', 'Ana'],
              ['The ministry', 'task force.', 'Outcomes/Institution building', 'Ana'],
              ['ministry', '𝒯ier', 'Outcomes/Institution building', 'Ben'],
            ]
          : [
              ['Scorecard diplomacy meetings', 'Alfredo Palacio.', 'Direct diplomacy', 'Ana'],
              ['meetings were typically', 'President', 'Direct diplomacy', 'Ben'],
            ];
      for (const [from, to, code, coder] of spans) {
        const start = text.indexOf(from);
        const end = text.indexOf(to, start) + to.length;
        expect(start).toBeGreaterThanOrEqual(0);
        await ok('code', dir, '--doc', d.id, '--code', code, '--start', String(start), '--end', String(end), '--coder', coder);
      }
    }
  });

  it('exports an XSD-valid .qdpx that a new project imports with identical documents, codebook, cases and codings', async () => {
    const file = join(work, 'out', 'study.qdpx');
    mkdirSync(join(work, 'out'));
    const printed = JSON.parse(await ok('export', dir, '--format', 'qdpx', '-o', file, '--json')) as { path: string; positions: string; counts: { documents: number; codings: number } };
    expect(printed).toMatchObject({ path: file, positions: 'codepoints', counts: { documents: 2, codings: 5 } });
    expect(readdirSync(join(work, 'out'))).toEqual(['study.qdpx']);
    const bytes = new Uint8Array(readFileSync(file));
    expect((await validateAgainst(qdeOf(bytes), 'Project.xsd')).errors).toEqual([]);

    const copyDir = join(work, 'copy');
    await ok('init', copyDir);
    // `casecoder import` routes REFI files to the same service operation (wired by the import command).
    const svc = createService({ appVersion: 't', transport: 'cli' });
    const opened: Result<unknown> = await svc.call('project.open', { dir: copyDir });
    expect(opened.ok).toBe(true);
    const imported = await svc.call('refi.import', { path: file });
    expect(imported.ok, imported.ok ? '' : imported.error.message).toBe(true);
    await svc.close();

    const a = comparable(JSON.parse(await ok('info', dir, '--json')) as Info);
    const b = comparable(JSON.parse(await ok('info', copyDir, '--json')) as Info);
    expect(a.codings).toHaveLength(5);
    expect(b).toEqual(a);
  });

  it('--positions utf16 writes NVivo units: the emoji document shifts, both files validate', async () => {
    const cp = join(work, 'cp.qdpx');
    const u16 = join(work, 'u16.qdpx');
    await ok('export', dir, '--format', 'qdpx', '-o', cp);
    const human = await ok('export', dir, '--format', 'qdpx', '--positions', 'utf16', '-o', u16);
    expect(human).toMatch(/^Wrote .*u16\.qdpx \(\d+ bytes\): 2 documents, \d+ codes, 5 codings, positions in UTF-16 units/);
    const ends = (f: string) => [...qdeOf(new Uint8Array(readFileSync(f))).matchAll(/endPosition="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ends(u16)).not.toEqual(ends(cp));
    expect(ends(u16)).toHaveLength(ends(cp).length);
    expect((await validateAgainst(qdeOf(new Uint8Array(readFileSync(u16))), 'Project.xsd')).errors).toEqual([]);
    const txt = Object.entries(unzipSync(new Uint8Array(readFileSync(u16)))).filter(([n]) => n.startsWith('sources/'));
    expect(txt.map(([, b]) => strFromU8(b)).some((t) => t.includes('𝒯ier') && !t.includes('\r'))).toBe(true);
  });

  it('exports the codebook as a .qdc valid against Codebook.xsd', async () => {
    const file = join(work, 'codebook.qdc');
    const out = await ok('export', dir, '--format', 'qdc', '-o', file);
    expect(out).toMatch(/codebook\.qdc .*: \d+ codes/);
    const xml = readFileSync(file, 'utf8');
    expect(xml.charCodeAt(0)).not.toBe(0xfeff);
    expect((await validateAgainst(xml, 'Codebook.xsd')).errors).toEqual([]);
    expect(xml).toContain('name="Direct diplomacy"');
  });

  it('exports while another process holds the project (read-only open) and writes nothing into it', async () => {
    const holder = createService({ appVersion: 't', transport: 'web' });
    expect((await holder.call('project.open', { dir })).ok).toBe(true);
    const before = readFileSync(join(dir, 'casecoder.json'));
    const r = await run('export', dir, '--format', 'qdc', '-o', join(work, 'held.qdc'));
    await holder.close();
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, 'casecoder.json')).equals(before)).toBe(true);
  });

  it('exit code 2 for bad usage, 1 for domain errors (one line)', async () => {
    const o = join(work, 'x.qdpx');
    expect((await run('export', dir, '-o', o)).code).toBe(2);
    expect((await run('export', dir, '--format', 'docx', '-o', o)).code).toBe(2);
    expect((await run('export', dir, '--format', 'qdpx', '--positions', 'bytes', '-o', o)).code).toBe(2);
    expect((await run('export', dir, '--format', 'qdc', '--positions', 'utf16', '-o', o)).code).toBe(2);
    expect((await run('export', dir, '--format', 'qdpx')).code).toBe(2);
    expect((await run('export', dir, 'extra', '--format', 'qdpx', '-o', o)).code).toBe(2);
    const noDir = await run('export', dir, '--format', 'qdpx', '-o', join(work, 'missing', 'x.qdpx'));
    expect(noDir.code).toBe(1);
    expect(noDir.err.trim().split('\n')).toHaveLength(1);
    const noProject = await run('export', join(work, 'nope'), '--format', 'qdpx', '-o', o);
    expect(noProject.code).toBe(1);
  });
});
