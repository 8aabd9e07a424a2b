import { slug } from '../../../src/core/export/file-name.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison } from '../../../src/core/agreement/index.js';
import type { MergeReport } from '../../../src/core/merge/types.js';
import type { Result } from '../../../src/core/model/result.js';
import type { Code, Coding, ProjectData } from '../../../src/core/model/types.js';
import type { ImportReport, Mutation, ProjectView } from '../../../src/shared/api.js';
import type { MergeReportSummary } from '../../../src/shared/api.js';
import { createService, type Service } from '../../../src/main/service/service.js';
import { durableState } from '../store/helpers.js';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');
const SEED = join(SEEDS, '000_b19cde1f6a69a6f8.txt');

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
/** The durable state on disk: casecoder.json plus the journal (see durableState). */
const onDisk = (dir: string): ProjectData => durableState(dir);

/** Every file under a folder with its size and mtime (to prove a folder was not written to). */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out.push(`${p}:${s.size}:${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}

async function withProject<T>(dir: string, coder: string, f: (svc: Service, view: ProjectView) => Promise<T>): Promise<T> {
  const svc = createService({ appVersion: 't', transport: 'cli' });
  try {
    const view = value<ProjectView>(await svc.call('project.open', { dir }));
    value(await svc.call('coder.use', { name: coder }));
    return await f(svc, view);
  } finally {
    await svc.close();
  }
}

async function codePhrase(svc: Service, text: string, docId: string, codeId: string, phrase: string, extend = 0): Promise<Coding> {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`not in text: ${phrase}`);
  return value<Mutation<Coding>>(await svc.call('coding.add', { documentId: docId, codeId, start, end: start + phrase.length + extend })).value;
}

const byPath = (data: ProjectData, name: string): Code => data.codebook.find((c) => c.name === name) as Code;

/** Codings as facts independent of ids: document hash, code id, coder name, span. */
function facts(d: ProjectData): string[] {
  const hash = new Map(d.documents.map((x) => [x.id, x.textHash]));
  return d.codings.map((g) => `${hash.get(g.documentId)}|${g.codeId}|${d.coders.find((u) => u.id === g.coderId)?.name}|${g.start}|${g.end}`).sort();
}

describe('merge and compare through the service', () => {
  let root: string;
  let lead: string;
  let ana: string;
  let ben: string;
  let text: string;
  let docId: string;

  beforeEach(async () => {
    process.env['CASECODER_HOME'] = mkdtempSync(join(tmpdir(), 'cc-home-'));
    root = mkdtempSync(join(tmpdir(), 'cc-merge-'));
    lead = join(root, 'lead');
    const svc = createService({ appVersion: 't', transport: 'cli' });
    value(await svc.call('project.create', { dir: lead, name: 'Study' }));
    const rep = value<Mutation<ImportReport>>(await svc.call('import.files', { paths: [SEED], caseName: 'Ecuador' }));
    docId = rep.value.files[0]?.documentIds[0] as string;
    text = value<{ text: string }>(await svc.call('document.content', { id: docId })).text;
    await svc.close();
    ana = join(root, 'ana');
    ben = join(root, 'ben');
    cpSync(lead, ana, { recursive: true });
    cpSync(lead, ben, { recursive: true });
    await withProject(ana, 'Ana', async (s, v) => {
      const dip = byPath(v.data, 'Direct diplomacy').id;
      const leg = byPath(v.data, 'Legislation').id;
      await codePhrase(s, text, docId, dip, 'Scorecard diplomacy meetings to discuss TIP were frequent');
      await codePhrase(s, text, docId, leg, 'President Alfredo Palacio');
      await codePhrase(s, text, docId, dip, 'A key figure was the minister of government');
    });
    await withProject(ben, 'Ben', async (s, v) => {
      const dip = byPath(v.data, 'Direct diplomacy').id;
      const leg = byPath(v.data, 'Legislation').id;
      await codePhrase(s, text, docId, dip, 'Scorecard diplomacy meetings to discuss TIP were frequent');
      await codePhrase(s, text, docId, leg, 'President Alfredo Palacio', 1); // overlaps Ana's
      await codePhrase(s, text, docId, leg, 'A key figure was the minister of government'); // label disagreement
      value(await s.call('code.update', { id: leg, patch: { name: 'Laws passed' } })); // Ben renames a code
    });
  });

  it('merges in either order and twice to the same codings, one undo step, backup and report; the other folder is untouched', async () => {
    const benBefore = snapshot(ben);
    const ab = await withProject(ana, 'Ana', async (s) => {
      const m = value<Mutation<MergeReport>>(await s.call('merge.run', { path: ben }));
      expect(m.value.added.codings).toBe(3);
      expect(m.value.added.coders).toBe(1);
      expect(m.value.renamedCodes.map((r) => [r.here, r.there])).toEqual([['Outcomes/Legislation', 'Outcomes/Laws passed']]);
      expect(m.value.backup && existsSync(m.value.backup)).toBe(true);
      expect(existsSync(join(ana, 'merges', `${m.value.id}.json`))).toBe(true);
      const again = value<Mutation<MergeReport>>(await s.call('merge.run', { path: ben }));
      expect(again.value.added.codings).toBe(0);
      expect(again.value.matched.codings).toBe(3);
      const list = value<MergeReportSummary[]>(await s.call('merge.reports', {}));
      expect(list).toHaveLength(2);
      // One undo step removes the merge, redo brings it back.
      expect(value<Mutation<string>>(await s.call('history.undo', {})).value).toBe(`Merge ben`);
      expect(onDisk(ana).codings).toHaveLength(3);
      value(await s.call('history.redo', {}));
      return onDisk(ana);
    });
    expect(snapshot(ben)).toEqual(benBefore);
    const ba = await withProject(ben, 'Ben', async (s) => {
      value(await s.call('merge.run', { path: ana }));
      return onDisk(ben);
    });
    expect(facts(ab)).toEqual(facts(ba));
    expect(facts(ab)).toHaveLength(6);
    expect(byPath(ab, 'Legislation')).toBeTruthy();
    expect(byPath(ba, 'Laws passed').id).toBe(byPath(ab, 'Legislation').id);
  });

  it('merges a coder-export file, keeps codings of unknown documents aside, and retries them after import', async () => {
    const file = join(root, 'ben.json');
    const other = join(root, 'other');
    // Ben also codes a document Ana does not have.
    await withProject(ben, 'Ben', async (s) => {
      const rep = value<Mutation<ImportReport>>(await s.call('import.files', { paths: [join(SEEDS, '003_3526632470e2ad38.txt')] }));
      const id = rep.value.files[0]?.documentIds[0] as string;
      const t = value<{ text: string }>(await s.call('document.content', { id })).text;
      const concerns = (value<ProjectView>(await s.call('project.current', {})).data.codebook.find((c) => c.name === 'Concerns') as Code).id;
      value(await s.call('coding.add', { documentId: id, codeId: concerns, start: 0, end: Math.min(40, t.length) }));
      const benId = value<ProjectView>(await s.call('project.current', {})).coderId as string;
      const e = value<{ path: string; fileName: string }>(await s.call('merge.exportCoder', { coderIds: [benId], path: file }));
      expect(e.path).toBe(file);
      expect(e.fileName).toMatch(/Ben\.casecoder-coder\.json$/);
      expect((await s.call('merge.exportCoder', { coderIds: [benId], path: join(ben, 'x.json') })).ok).toBe(false);
    });
    const exported = readFileSync(file, 'utf8');
    expect(exported).not.toContain(text.slice(2000, 2100));
    cpSync(ana, other, { recursive: true });
    await withProject(other, 'Ana', async (s) => {
      const m = value<Mutation<MergeReport>>(await s.call('merge.run', { path: file }));
      expect(m.value.source.kind).toBe('coder-export');
      expect(m.value.added.codings).toBe(3);
      expect(m.value.keptAside.codings).toHaveLength(1);
      expect(m.value.missingDocuments).toHaveLength(1);
      expect(m.value.resolved).toBeUndefined();
      const report = value<MergeReport>(await s.call('merge.report', { id: m.value.id }));
      expect(report.keptAside.codings).toHaveLength(1);
      // Import the missing document, then retry: the kept-aside coding comes in.
      value(await s.call('import.files', { paths: [join(SEEDS, '003_3526632470e2ad38.txt')] }));
      const retry = value<Mutation<MergeReport>>(await s.call('merge.retry', { id: m.value.id }));
      expect(retry.value.added.codings).toBe(1);
      expect(retry.value.keptAside.codings).toHaveLength(0);
      const list = value<MergeReportSummary[]>(await s.call('merge.reports', {}));
      expect(list.find((r) => r.id === m.value.id)?.resolved).toBe(true);
    });
  });

  it('merges a .qdpx through the REFI-QDA reader (one undo step, a report in merges/)', async () => {
    const qdpx = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'refi', 'qc-1.3.2_demo.qdpx');
    await withProject(ana, 'Ana', async (s) => {
      const before = onDisk(ana).codings.length;
      const m = value<Mutation<MergeReport>>(await s.call('merge.run', { path: qdpx }));
      expect(m.value.source.kind).toBe('qdpx');
      expect(m.value.added.codings).toBeGreaterThan(0);
      expect(onDisk(ana).codings.length).toBe(before + m.value.added.codings);
      expect(existsSync(join(ana, 'merges', `${m.value.id}.json`))).toBe(true);
      const again = value<Mutation<MergeReport>>(await s.call('merge.run', { path: qdpx }));
      expect(again.value.added.codings).toBe(0);
      expect(value<Mutation<string>>(await s.call('history.undo', {})).value).toBe('Merge qc-1.3.2_demo.qdpx');
    });
  });

  it('refuses to merge a folder into itself, a missing path and a non-project folder', async () => {
    await withProject(ana, 'Ana', async (s) => {
      expect(await s.call('merge.run', { path: ana })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await s.call('merge.run', { path: join(root, 'nope') })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await s.call('merge.run', { path: root })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const junk = join(root, 'junk.bin');
      (await import('node:fs')).writeFileSync(junk, 'hello');
      expect(await s.call('merge.run', { path: junk })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    });
    rmSync(join(root, 'junk.bin'));
  });

  it('computes agreement per code and adjudicates a document into a consensus coder, one undo step per decision', async () => {
    await withProject(ana, 'Ana', async (s, v) => {
      value(await s.call('merge.run', { path: ben }));
      const data = value<ProjectView>(await s.call('project.current', {})).data;
      const [A, B] = data.coders.map((c) => c.id);
      const dip = byPath(data, 'Direct diplomacy').id;
      const leg = byPath(data, 'Legislation').id;
      const c = value<Comparison>(await s.call('agreement.compute', { coderIds: [A!, B!], codeIds: [dip, leg], unit: 'segment', bootstrap: { samples: 200, seed: 7 } }));
      expect(c.perCode.map((f) => f.codeId)).toEqual([dip, leg]);
      expect(c.pooled.alpha.value).not.toBeNull();
      expect(c.pooled.data.units.length).toBeGreaterThan(0);
      // One figure's interval on demand equals the one the whole comparison attaches; the view's request carries no data.
      const ask = { coderIds: [A!, B!], codeIds: [dip, leg], unit: 'segment' as const, bootstrap: { samples: 200, seed: 7 } };
      expect(c.pooled.alpha.interval).toBeDefined();
      expect(value(await s.call('agreement.interval', { ...ask, codeId: null }))).toEqual({ codeId: null, interval: c.pooled.alpha.interval });
      expect(value(await s.call('agreement.interval', { ...ask, codeId: dip }))).toEqual({ codeId: dip, interval: c.perCode[0]?.alpha.interval ?? null });
      expect(await s.call('agreement.interval', { ...ask, codeId: 'k_nope' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await s.call('agreement.interval', { coderIds: [A!, B!], unit: 'segment', codeId: null })).toMatchObject({ ok: false, error: { code: 'usage' } });
      const bare = value<Comparison>(await s.call('agreement.compute', { coderIds: [A!, B!], codeIds: [dip, leg], unit: 'segment', withData: false }));
      expect(bare.pooled.data.units).toEqual([]);
      expect(bare.pooled.alpha.interval).toBeUndefined();
      expect(bare.pooled.alpha.value).toBe(c.pooled.alpha.value);
      const rep = value<{ text: string; fileName: string }>(await s.call('agreement.report', { coderIds: [A!, B!], codeIds: [dip, leg], unit: 'character', format: 'md' }));
      expect(rep.fileName).toMatch(new RegExp(`^${slug(data.project.name)}_agreement_character_\\d{4}-\\d{2}-\\d{2}\\.md$`));
      expect(rep.text).toContain('Outcomes/Legislation');
      expect(rep.text).toContain(`Codebook version:** ${data.project.codebookVersion}`);
      // The queue: 1 agreement (diplomacy), boundary (legislation), label (minister).
      const { findDisagreements } = await import('../../../src/core/adjudication/index.js');
      const q = findDisagreements(data.codings, docId, A!, B!);
      expect(q.disagreements.map((d) => d.kind)).toEqual(['boundary', 'label']);
      const [boundary, label] = q.disagreements;
      value(await s.call('adjudication.decide', { documentId: docId, fromCodingIds: [boundary!.a[0]!.id, boundary!.b[0]!.id], decision: 'accept-b', keep: [boundary!.b[0]!.id] }));
      value(await s.call('adjudication.decide', { documentId: docId, fromCodingIds: [label!.a[0]!.id, label!.b[0]!.id], decision: 'reject' }));
      const copied = value<Mutation<{ copied: number }>>(await s.call('adjudication.acceptAgreements', { documentId: docId, coderA: A!, coderB: B! }));
      expect(copied.value.copied).toBe(1);
      const after = onDisk(ana);
      const consensus = after.coders.find((u) => u.consensus);
      expect(consensus?.name).toBe('Consensus');
      const mine = after.codings.filter((g) => g.coderId === consensus?.id);
      expect(mine.map((g) => [g.exact, g.provenance?.decision, g.provenance?.decidedBy]).sort()).toEqual(
        [
          ['President Alfredo Palacio.', 'accept-b', v.coderId ?? A],
          ['Scorecard diplomacy meetings to discuss TIP were frequent', 'accept-both', v.coderId ?? A],
        ].sort(),
      );
      expect(value<Mutation<string>>(await s.call('history.undo', {})).value).toBe('Adjudicate: copy agreements');
      expect(value<Mutation<string>>(await s.call('history.undo', {})).value).toBe('Adjudicate: Reject');
      expect((await s.call('adjudication.decide', { documentId: docId, fromCodingIds: ['nope'], decision: 'reject' })).ok).toBe(false);
      expect(await s.call('agreement.compute', { coderIds: [A!], unit: 'segment' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(await s.call('agreement.compute', { coderIds: [A!, B!], unit: 'word' as never })).toMatchObject({ ok: false, error: { code: 'usage' } });
    });
  });
});
