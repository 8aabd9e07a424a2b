import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/main/import/import-file.js';
import { canonicalText } from '../../fixtures/import/seeds.js';

/** A 41-line interview transcript as in issue 14: bracketed markers, one `*very*`, a title line. */
function transcript(): string {
  const lines = ['Interview 7 — Quito, field office', ''];
  for (let i = 1; lines.length < 41; i++) {
    const who = i % 2 ? 'I' : 'R';
    const marker = i === 6 ? ' <laughs>' : i <= 19 ? ' <inaudible>' : '';
    const words = i === 4 ? 'It was *very* hard to get the ministry to answer' : `Turn ${i} about the shelter and the ministry`;
    lines.push(`${who}: ${words}${marker} and then we went on.`);
  }
  return lines.slice(0, 41).join('\n') + '\n';
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('a .txt keeps every character', () => {
  it('the transcript keeps all 19 <inaudible>, its <laughs>, *very* and its title line; Markdown is only offered', async () => {
    const src = transcript();
    expect(src.match(/<inaudible>/g)).toHaveLength(18);
    const withNineteenth = src.replace('and then we went on.\n', 'and then <inaudible> we went on.\n');
    expect(withNineteenth.match(/<inaudible>/g)).toHaveLength(19);
    const r = await importBytes(bytes(withNineteenth), 'interview-7.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [doc] = r.value;
    const text = canonicalText(doc!.doc);
    expect(doc!.format).toBe('txt');
    expect(text.match(/<inaudible>/g)).toHaveLength(19);
    expect(text.match(/<laughs>/g)).toHaveLength(1);
    expect(text).toContain('It was *very* hard');
    expect(text.startsWith('Interview 7 — Quito, field office')).toBe(true);
    expect(doc!.title).toBe('Interview 7 — Quito, field office');
    // Nothing but whitespace differs from the source.
    expect(text.replace(/\s+/g, '')).toBe(withNineteenth.replace(/\s+/g, ''));
  });

  it('a .txt with Markdown signals stays plain text and says so, offering Markdown; choosing md reads it as Markdown', async () => {
    const src = '## Background\n\nThe embassy *pressed* the minister.[^1]\n\n- a list\n\n[^1]: A note.\n';
    const plain = await importBytes(bytes(src), 'notes.txt');
    expect(plain.ok && plain.value[0]).toMatchObject({ format: 'txt', suggestedFormat: 'md' });
    if (!plain.ok) return;
    expect(plain.value[0]!.warnings.join(' ')).toMatch(/looks like Markdown.*re-import it as Markdown/);
    expect(canonicalText(plain.value[0]!.doc)).toContain('## Background');
    expect(canonicalText(plain.value[0]!.doc)).toContain('[^1]: A note.');
    const md = await importBytes(bytes(src), 'notes.txt', { format: 'md' });
    expect(md.ok && md.value[0]).toMatchObject({ format: 'md' });
    expect(md.ok && md.value[0]!.suggestedFormat).toBeUndefined();
    expect(md.ok && canonicalText(md.value[0]!.doc)).not.toContain('##');
  });

  it('a file without extension is plain text too, and prose gets no offer', async () => {
    const r = await importBytes(bytes('Just prose.\nMore prose here, nothing else.\n'), 'README');
    expect(r.ok && r.value[0]).toMatchObject({ format: 'txt' });
    expect(r.ok && r.value[0]!.suggestedFormat).toBeUndefined();
  });
});
