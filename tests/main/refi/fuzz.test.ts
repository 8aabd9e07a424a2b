import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyRefiImport } from '../../../src/core/refi/apply.js';
import { readQde } from '../../../src/core/refi/qde-read.js';
import { createProject } from '../../../src/core/model/project.js';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';
import { fixturePath } from './refi-test-kit.js';
import { lenientQde, lenientQdpx } from './lenient-fixture.js';
import { fixedEnv } from '../../../src/core/model/ids.js';

/** Fixed ids and time: the same run gives the same project. */
const coreEnv = fixedEnv();

/** Flip, overwrite, insert or delete bytes at random places. */
const mutation = fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('set', 'insert', 'delete', 'flip'), byte: fc.integer({ min: 0, max: 255 }), len: fc.integer({ min: 1, max: 16 }) }), { minLength: 1, maxLength: 8 });

function mutate(bytes: Uint8Array, edits: { at: number; kind: string; byte: number; len: number }[]): Uint8Array {
  let out = bytes.slice();
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'set') out[at] = e.byte;
    else if (e.kind === 'flip') out[at] = (out[at] ?? 0) ^ (1 << (e.byte % 8));
    else if (e.kind === 'insert') out = new Uint8Array([...out.subarray(0, at), ...new Uint8Array(e.len).fill(e.byte), ...out.subarray(at)]);
    else out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + e.len)]);
  }
  return out;
}

/** Every outcome must be a Result; applying a successful read must also be a Result. */
async function neverCrashes(bytes: Uint8Array): Promise<void> {
  const r = await readRefiBytes(bytes, { docxImporter: null });
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    const applied = applyRefiImport(createProject('fuzz', [], coreEnv), r.value, { mode: 'new-project' }, coreEnv);
    expect(typeof applied.ok).toBe('boolean');
  } else {
    expect(r.error.message.length).toBeGreaterThan(0);
    // The catch-all message would mean an unexpected exception was swallowed: a bug to fix.
    expect(r.error.message).not.toMatch(/^The REFI-QDA file could not be read/);
  }
}

describe('REFI-QDA reader under fuzzing', () => {
  const seeds = [
    ['atlas codes-only archive', new Uint8Array(readFileSync(fixturePath('atlasti-win-23.2.3_codes-only.qdpx')))],
    ['lenient archive, stored', zipSync({ 'p.qde': strToU8(lenientQde()) }, { level: 0 })],
    ['lenient archive, deflated', lenientQdpx()],
    ['ATLAS.ti spec example XML', new Uint8Array(readFileSync(fixturePath('atlasti-mac-8.4_refi-spec-example2.qde')))],
  ] as const;

  it.each(seeds)('mutated %s never crashes', async (_name, seed) => {
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        await neverCrashes(mutate(seed, edits));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('arbitrary text never crashes the XML reader', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('', '<Project name="x">', '<CodeBook><Codes>'), (junk, prefix) => {
        const r = readQde(prefix + junk);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a mutated selection position never yields a coding whose quote differs from its text', async () => {
    const qde = lenientQde();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -50, max: 200 }), fc.integer({ min: -50, max: 200 }), async (a, b) => {
        const xml = qde.replace(/startPosition="\d+" endPosition="\d+"/, `startPosition="${a}" endPosition="${b}"`);
        const r = await readRefiBytes(zipSync({ 'p.qde': strToU8(xml) }));
        if (!r.ok) return;
        for (const c of r.value.codings) expect(r.value.documents.find((d) => d.guid === c.documentGuid)?.text.slice(c.start, c.end)).toBe(c.exact);
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});
