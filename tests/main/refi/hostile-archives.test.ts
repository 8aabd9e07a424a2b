import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { createProject } from '../../../src/core/model/project.js';
import { readRefiBytes, readRefiFile } from '../../../src/main/refi/read-refi-file.js';
import { openZip, unsafeEntryName } from '../../../src/main/zip/safe-zip.js';
import { patchEntry, centralRecords } from './zip-surgery.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users><User guid="11111111-1111-4111-8111-111111111111" name="A"/></Users></Project>`;

async function errorOf(bytes: Uint8Array, opts = {}) {
  const r = await readRefiBytes(bytes, opts);
  return r.ok ? null : r.error;
}

describe('hostile .qdpx archives', () => {
  it.each([
    ['parent segment', '../evil.txt'],
    ['nested parent segments', 'sources/../../evil.txt'],
    ['absolute path', '/etc/evil.txt'],
    ['drive letter', 'C:/evil.txt'],
    ['backslashes', 'sources\\..\\evil.txt'],
    ['NUL', 'a\u0000b.txt'],
    ['overlong name', `${'x/'.repeat(600)}y`],
  ])('rejects a zip-slip entry name (%s) before reading anything', async (_label, name) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-slip-'));
    const file = path.join(dir, 'slip.qdpx');
    writeFileSync(file, zipSync({ 'project.qde': strToU8(QDE), [name]: strToU8('pwned') }));
    const r = await readRefiFile(file);
    expect(r.ok ? 'ok' : r.error.code).toBe('invalid');
    expect(r.ok ? '' : r.error.message).toMatch(/Unsafe entry name/);
    expect(readdirSync(dir)).toEqual(['slip.qdpx']);
    expect(readdirSync(path.dirname(dir)).includes('evil.txt')).toBe(false);
  });

  it('classifies unsafe names', () => {
    expect(unsafeEntryName('sources/a.txt')).toBeNull();
    expect(unsafeEntryName('sources/..hidden.txt')).toBeNull();
    expect(unsafeEntryName('..')).toMatch(/\.\./);
  });

  it('rejects a real zip bomb (20 MB of zeros in 20 kB) by its ratio', async () => {
    const bomb = zipSync({ 'project.qde': strToU8(QDE), 'sources/zeros.txt': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100_000);
    const e = await errorOf(bomb);
    expect(e).toMatchObject({ code: 'too-large' });
    expect(e?.message).toMatch(/expand .*-fold/);
  });

  it('checks declared sizes before inflating: garbage data declared as 2 GB is refused as too large, not as corrupt', async () => {
    const zip = zipSync({ 'project.qde': strToU8(QDE), 'sources/a.txt': strToU8('hello') }, { level: 0 });
    const e = await errorOf(patchEntry(zip, 'sources/a.txt', { size: 0x7fffffff }));
    expect(e?.code).toBe('too-large');
  });

  it('refuses more entries than the limit', async () => {
    const files: Record<string, Uint8Array> = { 'project.qde': strToU8(QDE) };
    for (let i = 0; i < 10_001; i++) files[`sources/${i}.txt`] = new Uint8Array(0);
    const e = await errorOf(zipSync(files, { level: 0 }));
    expect(e).toMatchObject({ code: 'too-large' });
    expect(e?.message).toMatch(/10002 entries/);
  });

  it('refuses archives whose declared total exceeds the budget', async () => {
    const zip = zipSync({ 'project.qde': strToU8(QDE), 'sources/a.txt': new Uint8Array(600), 'sources/b.txt': new Uint8Array(600) }, { level: 0 });
    const e = await errorOf(zip, { zipLimits: { maxEntries: 10, maxTotalBytes: 1000, maxEntryBytes: 1000, maxRatio: 100, ratioFloorBytes: 0 } });
    expect(e?.message).toMatch(/expands to more than 1000 bytes/);
  });

  it('catches a lying size header while inflating (more or fewer bytes than declared)', async () => {
    const zip = zipSync({ 'project.qde': strToU8(QDE.repeat(1)) });
    const real = centralRecords(zip)[0];
    expect(real).toBeDefined();
    const smaller = await errorOf(patchEntry(zip, 'project.qde', { size: 50 }));
    expect(smaller).toMatchObject({ code: 'corrupt' });
    expect(smaller?.message).toMatch(/declared size/);
    const larger = await errorOf(patchEntry(zip, 'project.qde', { size: QDE.length + 10 }));
    expect(larger?.code).toBe('corrupt');
  });

  it('refuses overlapping entries (two directory records sharing one local header)', async () => {
    const zip = zipSync({ 'project.qde': strToU8(QDE), 'sources/b.txt': strToU8('bbb') });
    const first = centralRecords(zip)[0];
    const e = await errorOf(patchEntry(zip, 'sources/b.txt', { headerOffset: first?.headerOffset ?? 0 }));
    expect(e).toMatchObject({ code: 'invalid' });
    expect(e?.message).toMatch(/overlap/);
  });

  it('refuses duplicate names, encrypted entries, symlinks and a truncated archive', async () => {
    const zip = zipSync({ 'project.qde': strToU8(QDE), 'sources/a.txt': strToU8('a'), 'sources/b.txt': strToU8('b') });
    expect((await errorOf(patchEntry(zip, 'sources/b.txt', { name: 'sources/a.txt' })))?.message).toMatch(/two entries named/);
    expect((await errorOf(patchEntry(zip, 'sources/a.txt', { flags: 1 })))?.message).toMatch(/encrypted/);
    expect((await errorOf(patchEntry(zip, 'sources/a.txt', { madeBy: 3, externalAttrs: 0o120777 << 16 })))?.message).toMatch(/symbolic link/);
    expect((await errorOf(zip.subarray(0, zip.length - 30)))?.code).toBe('corrupt');
  });

  it('refuses an archive without a .qde, and bytes that are neither ZIP nor XML', async () => {
    expect((await errorOf(zipSync({ 'sources/a.txt': strToU8('a') })))?.message).toMatch(/no project XML/);
    expect((await errorOf(new Uint8Array([1, 2, 3, 4, 5])))?.code).toBe('invalid');
  });

  it('keeps __proto__ entry names and element names inert', async () => {
    const qde = QDE.replace('</Project>', '<__proto__ polluted="yes"/></Project>');
    const r = await readRefiBytes(zipSync({ 'project.qde': strToU8(qde), __proto__: strToU8('x') } as Record<string, Uint8Array>));
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok && r.value.report.notImported.some((s) => s.name === '__proto__')).toBe(true);
  });

  it('opens a clean archive after all that (the checks are not simply failing everything)', () => {
    const z = openZip(zipSync({ 'project.qde': strToU8(QDE), 'sources/a.txt': strToU8('a') }));
    expect(z.ok && z.value.entries.map((e) => e.name)).toEqual(['project.qde', 'sources/a.txt']);
  });
});

describe('hostile XML', () => {
  const wrap = (xml: string) => zipSync({ 'project.qde': strToU8(xml) });

  it('rejects a billion-laughs DOCTYPE', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>`;
    const e = await errorOf(wrap(laughs));
    expect(e).toMatchObject({ code: 'invalid' });
    expect(e?.message).toMatch(/DOCTYPE and entity declarations are not allowed/);
  });

  it('rejects an external entity (XXE) and undeclared entity references', async () => {
    const xxe = `<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Project name="&xxe;"/>`;
    expect((await errorOf(wrap(xxe)))?.message).toMatch(/DOCTYPE/);
    expect((await errorOf(wrap('<Project name="&xxe;"/>')))?.message).toMatch(/unknown entity &xxe;/);
  });

  it('rejects nesting deeper than the limit without overflowing the stack', async () => {
    const deep = `<Project name="d">${'<Description>'.repeat(100_000)}${'</Description>'.repeat(100_000)}</Project>`;
    expect((await errorOf(zipSync({ 'project.qde': strToU8(deep) }, { level: 0 })))?.message).toMatch(/nested deeper than 256/);
  });

  it('reports malformed XML with a position', async () => {
    expect((await errorOf(wrap('<Project name="x"><Users></Project>')))?.message).toMatch(/unexpected end tag <\/Project> \(line 1/);
  });
});

describe('dangling references and impossible selections', () => {
  const qde = `<Project xmlns="urn:QDA-XML:project:1.0" name="bad">
 <CodeBook><Codes><Code guid="22222222-2222-4222-8222-222222222222" name="Real" isCodable="true"/></Codes></CodeBook>
 <Sources><TextSource guid="33333333-3333-4333-8333-333333333333" name="t"><PlainTextContent>Short text.</PlainTextContent>
  <PlainTextSelection guid="44444444-4444-4444-8444-444444444441" startPosition="0" endPosition="5"><Coding guid="55555555-5555-4555-8555-555555555551"><CodeRef targetGUID="99999999-9999-4999-8999-999999999999"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="44444444-4444-4444-8444-444444444442" startPosition="-3" endPosition="2"><Coding guid="55555555-5555-4555-8555-555555555552"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="44444444-4444-4444-8444-444444444443" startPosition="8" endPosition="4"><Coding guid="55555555-5555-4555-8555-555555555553"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="44444444-4444-4444-8444-444444444444" startPosition="x" endPosition="4"><Coding guid="55555555-5555-4555-8555-555555555554"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="44444444-4444-4444-8444-444444444445" startPosition="6" endPosition="10"><Coding guid="55555555-5555-4555-8555-555555555555"><CodeRef targetGUID="22222222-2222-4222-8222-222222222222"/></Coding><NoteRef targetGUID="77777777-7777-4777-8777-777777777777"/></PlainTextSelection>
 </TextSource></Sources>
</Project>`;

  it('imports what is sound and reports each bad item', async () => {
    const r = await readRefiBytes(wrap(qde));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.codings.map((c) => c.exact)).toEqual(['text']);
    const reasons = r.value.report.notImported.map((s) => `${s.kind}: ${s.reason}`);
    expect(reasons).toEqual([
      'selection: positions "x"–"4" are not integers',
      'coding: refers to code 99999999-9999-4999-8999-999999999999, which is not in the codebook',
      expect.stringMatching(/^selection: selection -3–2 is out of range/),
      expect.stringMatching(/^selection: selection 8–4 is empty or reversed/),
      'note: a reference to note 77777777-7777-4777-8777-777777777777, which is not in <Notes>',
    ]);
  });

  it('in strict mode nothing is applied', async () => {
    const r = await readRefiBytes(wrap(qde));
    if (!r.ok) throw new Error(r.error.message);
    const project = createProject('p', [], coreEnv);
    const snapshot = structuredClone(project);
    const applied = applyRefiImport(project, r.value, { mode: 'merge', strict: true }, coreEnv);
    expect(applied.ok ? 'ok' : applied.error.code).toBe('invalid');
    expect(project).toEqual(snapshot);
  });

  function wrap(xml: string) {
    return zipSync({ 'project.qde': strToU8(xml) });
  }
});
