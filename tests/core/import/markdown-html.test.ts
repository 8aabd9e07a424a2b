import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../src/core/import/markdown.js';
import { importHtml } from '../../../src/core/import/html.js';
import { importTextContent } from '../../../src/core/import/pipeline.js';
import { readerSchema } from '../../../src/core/document/schema.js';
import { buildTextIndex } from '../../../src/core/document/text-index.js';
import type { PmNodeJson } from '../../../src/core/model/types.js';

function check(doc: PmNodeJson): string {
  const node = readerSchema.nodeFromJSON(doc);
  node.check();
  return buildTextIndex(node).text;
}

/** Hostile inputs in the style of the OWASP XSS filter evasion cheat sheet (written for this test). */
const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle/></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href=" JaVaScRiPt:alert(1)">case</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<div style="background:url(javascript:alert(1))" onclick="alert(1)">styled</div>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '[md link](javascript:alert(1))',
  '[ref link][r]\n\n[r]: javascript:alert(1)',
  '![img](javascript:alert(1))',
  '<javascript:alert(1)>',
  '<a href="vbscript:msgbox(1)">vb</a>',
];

function hasHostileAttr(doc: PmNodeJson): boolean {
  const s = JSON.stringify(doc);
  return /javascript:|vbscript:|data:|onerror|onload|onclick|<script/i.test(s.replace(/"text":"(?:[^"\\]|\\.)*"/g, '""'));
}

describe('Markdown import', () => {
  it('reads front matter, headings, marks, lists, tables, footnotes and images', () => {
    const md = [
      'Title: Test case',
      'Slug: x',
      '',
      '[TOC]',
      '',
      '## Background',
      '',
      'Some *em* and **strong** text.[^1]',
      '',
      '- one',
      '- two',
      '',
      '3. three',
      '4. four',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '![A chart](/img.png){.img-fluid}',
      '',
      '<div class="well"><em>Figure 1</em>: caption</div>',
      '',
      '[^1]: The note.',
      '',
    ].join('\n');
    const r = importMarkdown(md);
    expect(r.title).toBe('Test case');
    const text = check(r.doc);
    expect(text).toBe(['Background', 'Some em and strong text.[1]', 'one', 'two', 'three', 'four', 'a', 'b', '1', '2', '[Image: A chart]', 'Figure 1: caption', 'The note.'].join('\n\n'));
    const types = (r.doc.content ?? []).map((b) => b.type);
    expect(types).toEqual(['heading', 'paragraph', 'bullet_list', 'ordered_list', 'table', 'paragraph', 'paragraph', 'footnotes']);
    expect((r.doc.content ?? [])[3]?.attrs).toEqual({ start: 3 });
  });

  it('takes the title from YAML front matter; a reference without definition stays literal text', () => {
    const r = importMarkdown('---\ntitle: From YAML\n---\n\nText[^x].\n');
    expect(r.title).toBe('From YAML');
    expect(check(r.doc)).toBe('Text[^x].');
  });

  it('reports an HTML footnote reference without a definition', () => {
    const r = importHtml('<p>Text<sup><a href="#footnote-7">[7]</a></sup></p>');
    expect(check(r.doc)).toBe('Text[7]');
    expect(r.warnings.join()).toMatch(/without a definition: 7/);
  });

  it('keeps <sup> from converted documents as a superscript mark and unwraps bold headings', () => {
    const r = importMarkdown('Child Labour<sup>44</sup> in Ecuador.\n\n## **5. Results**\n');
    const p = r.doc.content?.[0];
    expect(p?.content?.[1]).toEqual({ type: 'text', text: '44', marks: [{ type: 'sup' }] });
    expect(r.doc.content?.[1]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '5. Results' }] });
  });

  it('sanitises every XSS payload while keeping visible text', () => {
    for (const payload of XSS) {
      const r = importMarkdown(`Before\n\n${payload}\n\nAfter`);
      const text = check(r.doc);
      expect(hasHostileAttr(r.doc), payload).toBe(false);
      expect(text).toContain('Before');
      expect(text).toContain('After');
      expect(text).not.toMatch(/<script|onerror=/i);
    }
  });
});

describe('HTML import', () => {
  it('keeps structure through the allowlist and takes the title', () => {
    const r = importHtml(
      '<html><head><title>T</title><script>x()</script></head><body><h2 onclick="x">Sec</h2><p>A <b>b</b> <a href="https://e.org" onclick="x">l</a><br>next</p><ul><li>i</li></ul><table><tr><th>h</th></tr><tr><td>c</td></tr></table></body></html>',
    );
    expect(r.title).toBe('T');
    expect(check(r.doc)).toBe('Sec\n\nA b l\nnext\n\ni\n\nh\n\nc');
    expect(JSON.stringify(r.doc)).toContain('"href":"https://e.org"');
    expect(JSON.stringify(r.doc)).not.toContain('onclick');
  });

  it('sanitises every XSS payload', () => {
    for (const payload of XSS) {
      const r = importTextContent(`<p>Before</p>${payload}<p>After</p>`, 'html');
      expect(r.ok, payload).toBe(true);
      if (!r.ok) continue;
      expect(hasHostileAttr(r.value[0]!.doc), payload).toBe(false);
      // Unclosed dropped elements (iframe, object, form controls) may swallow what follows; never a script.
      expect(check(r.value[0]!.doc)).toContain('Before');
    }
  });
});
