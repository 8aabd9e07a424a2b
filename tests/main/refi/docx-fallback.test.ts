import { Document, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readRefiBytes } from '../../../src/main/refi/read-refi-file.js';

const SRC = 'd097e6fd-7671-4d95-a8b6-7795fa4a72e1';

/** An NVivo-for-Mac-15-shaped archive: a 1-byte .txt and the real text only in the .docx beside it. */
async function nvivoMacShaped(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('The ministry opened a shelter.'), new Paragraph('Prosecutions doubled.')] }] });
  const docx = new Uint8Array(await Packer.toBuffer(doc));
  const qde = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?><Project name="mac" origin="NVivo for Mac 15.0.0" xmlns="urn:QDA-XML:project:1.0"><Sources><TextSource guid="${SRC}" name="interview" plainTextPath="internal://${SRC}.txt" richTextPath="internal://${SRC}.docx"/></Sources></Project>`;
  return zipSync({ 'project.qde': strToU8(qde), [`sources/${SRC}.txt`]: strToU8('\n'), [`sources/${SRC}.docx`]: docx, 'sources/.root': new Uint8Array(0) });
}

describe('empty plain text with a DOCX beside it', () => {
  it('takes the text from the DOCX through the project DOCX importer', async () => {
    const r = await readRefiBytes(await nvivoMacShaped());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.report.notImported).toEqual([]);
    expect(r.value.documents).toHaveLength(1);
    expect(r.value.documents[0]?.textFrom).toBe('docx');
    expect(r.value.documents[0]?.text).toBe('The ministry opened a shelter.\n\nProsecutions doubled.');
  });

  it('reports the source, naming the hook, when the DOCX importer is switched off', async () => {
    const r = await readRefiBytes(await nvivoMacShaped(), { docxImporter: null });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.documents).toHaveLength(0);
    expect(r.value.report.notImported[0]?.reason).toMatch(/no DOCX importer is wired \(ReadRefiOptions\.docxImporter\)/);
  });
});
