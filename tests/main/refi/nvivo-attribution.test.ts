import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codePath } from '../../../src/core/codebook/paths.js';
import { createProject } from '../../../src/core/model/project.js';
import type { ProjectData } from '../../../src/core/model/types.js';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { describeRefiReport } from '../../../src/core/refi/report-text.js';
import { readRefiFile } from '../../../src/main/refi/read-refi-file.js';
import { fixturePath } from './refi-test-kit.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** The same NVivo project exported on both platforms (see the fixtures' README for their origin). */
const WIN = 'nvivo-win-12.6_oltas0517.qdpx';
const MAC = 'nvivo-mac-12.7_OltasSzkepticizmus_17June.qdpx';
const bothPresent = existsSync(fixturePath(WIN)) && existsSync(fixturePath(MAC));
if (!bothPresent) console.warn(`SKIPPED: the NVivo Windows/Mac pair (${WIN}, ${MAC}) is not in shared/fixtures/refi/`);

async function load(name: string) {
  const r = await readRefiFile(fixturePath(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/** Each coding as (document title, code path, quote) → coder name. */
function attributed(data: ProjectData): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of data.codings) {
    const key = `${data.documents.find((d) => d.id === c.documentId)?.title}|${codePath(data.codebook, c.codeId)}|${c.exact}`;
    out.set(key, [...(out.get(key) ?? []), data.coders.find((x) => x.id === c.coderId)?.name ?? '?']);
  }
  return out;
}

describe('NVivo attribution: the selection creator, then the coding creator', () => {
  it('NVivo Windows 12.6 (oltas): the selection names the author, every coding the other user; the report says so', async () => {
    const refi = await load('nvivo-win-12.6_oltas.qdpx');
    expect(refi.report.attribution.users.map((u) => [u.name, u.codings])).toEqual([
      ['Gergo', 97],
      ['floriansipos', 0],
    ]);
    expect(refi.report.attribution.differing).toBe(97);
    const lines = describeRefiReport(refi.report);
    expect(lines).toContain(`Coders: Gergo (97 codings). ${refi.report.attribution.rule}`);
    expect(lines).toContain("97 codings named one user on the selection and another on the coding; the selection's user was taken.");
  });

  describe.skipIf(!bothPresent)('the same project exported from NVivo for Windows and for Mac', () => {
    it('attributes the same work to the same coders on both platforms', async () => {
      const win = await load(WIN);
      const mac = await load(MAC);
      // Windows writes the exporting user (Gergo) on all 303 codings and the author on the selection.
      expect(win.report.attribution.differing).toBe(297);
      expect(win.report.attribution.users.map((u) => [u.name, u.codings])).toEqual([
        ['Gergo', 6],
        ['floriansipos', 297],
      ]);
      // Mac writes the author on both.
      expect(mac.report.attribution.differing).toBe(0);
      expect(mac.report.attribution.users.map((u) => [u.name, u.codings])).toEqual([
        ['floriansipos', 297],
        ['Gergo', 0],
      ]);
      const w = applyRefiImport(createProject('win', [], coreEnv), win, { mode: 'new-project' }, coreEnv);
      const m = applyRefiImport(createProject('mac', [], coreEnv), mac, { mode: 'new-project' }, coreEnv);
      if (!w.ok || !m.ok) throw new Error('apply failed');
      const fromWin = attributed(w.value.data);
      const fromMac = attributed(m.value.data);
      expect([...fromMac.values()].flat()).toHaveLength(297);
      for (const [key, coders] of fromMac) expect(fromWin.get(key), key.slice(0, 120)).toEqual(coders);
    });

    it('lets the user map the file users to coders before the import commits', async () => {
      const win = await load(WIN);
      const project = { ...createProject('study', [], coreEnv), coders: [{ id: 'u_flo', name: 'Florian Sipos' }] };
      const applied = applyRefiImport(
        project,
        win,
        {
          mode: 'merge',
          users: [
            { user: 'floriansipos', coderId: 'u_flo' },
            { user: 'GERGO', coderName: 'Gergő P.' },
          ],
        },
        coreEnv,
      );
      if (!applied.ok) throw new Error(applied.error.message);
      const count = (name: string) => applied.value.data.codings.filter((c) => applied.value.data.coders.find((x) => x.id === c.coderId)?.name === name).length;
      expect(applied.value.data.coders.map((c) => c.name)).toEqual(['Florian Sipos', 'Gergő P.']);
      expect([count('Florian Sipos'), count('Gergő P.')]).toEqual([297, 6]);
      // A mapping that names no user of the file changes nothing and says which users there are.
      const bad = applyRefiImport(project, win, { mode: 'merge', users: [{ user: 'Nobody', coderName: 'X' }] }, coreEnv);
      expect(bad.ok ? '' : bad.error.message).toBe('The file has no user "Nobody" (its users: Gergo, floriansipos)');
      const badCoder = applyRefiImport(project, win, { mode: 'merge', users: [{ user: 'Gergo', coderId: 'u_missing' }] }, coreEnv);
      expect(badCoder.ok ? '' : badCoder.error.code).toBe('not-found');
    });

    it('the Mac report does not speak of CRLF for a text without CRLF; the Windows report does', async () => {
      const mac = describeRefiReport((await load(MAC)).report).filter((l) => l.startsWith('Positions'));
      const win = describeRefiReport((await load(WIN)).report).filter((l) => l.startsWith('Positions'));
      expect(mac).toHaveLength(2);
      for (const l of mac) expect(l).not.toMatch(/CRLF|line break/);
      for (const l of win) expect(l).toContain('a line break (CRLF) counted as 2');
    });
  });
});
