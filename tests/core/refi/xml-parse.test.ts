import { describe, expect, it } from 'vitest';
import { parseXml, XmlSyntaxError, type XmlElement } from '../../../src/core/refi/xml-parse.js';
import { escapeAttr, escapeText, serializeXml, el } from '../../../src/core/refi/xml-write.js';

const kids = (e: XmlElement) => e.children.filter((c): c is XmlElement => typeof c !== 'string');

describe('parseXml', () => {
  it('reads elements by local name, keeps attributes as written and text exactly', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\r\n<q:A xmlns:q="urn:x" q:b="1" c=\'two\'><q:B>  keep\r\n  spaces </q:B><C/></q:A>');
    expect(root.name).toBe('A');
    expect([...root.attrs]).toEqual([
      ['xmlns:q', 'urn:x'],
      ['q:b', '1'],
      ['c', 'two'],
    ]);
    expect(kids(root).map((k) => k.name)).toEqual(['B', 'C']);
    expect(kids(root)[0]?.children).toEqual(['  keep\n  spaces ']);
  });

  it('decodes the predefined entities, character references and CDATA; normalises attribute whitespace', () => {
    const root = parseXml('<a t="x&#10;y&#9;z\tw&quot;&amp;">&lt;b&gt; &#x1F600; &apos;<![CDATA[<raw> & ]]></a>');
    expect(root.attrs.get('t')).toBe('x\ny\tz w"&');
    expect(root.children.join('')).toBe("<b> 😀 '<raw> & ");
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', /DOCTYPE/],
    ['an entity declaration', '<!ENTITY x "y"><a/>', /DOCTYPE/],
    ['an unknown entity', '<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['an illegal character reference', '<a>&#0;</a>', /not a legal XML character/],
    ['an unterminated entity', '<a>AT&T</a>', /unterminated entity/],
    ['mismatched tags', '<a><b></a>', /unexpected end tag/],
    ['two roots', '<a/><b/>', /more than one root/],
    ['text outside the root', 'x<a/>', /text outside/],
    ['a duplicate attribute', '<a x="1" x="2"/>', /duplicate attribute/],
    ['an unclosed element', '<a><b>', /unclosed element <b>/],
    ['no root', '<?xml version="1.0"?>', /no root/],
    ['"<" in an attribute', '<a x="<"/>', /"<" in an attribute/],
  ])('rejects %s', (_name, xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('enforces the element-count limit', () => {
    expect(() => parseXml(`<a>${'<b/>'.repeat(20)}</a>`, { maxDepth: 10, maxElements: 10, maxAttributeLength: 100 })).toThrow(/more than 10 elements/);
  });

  it('stores hostile names without touching prototypes', () => {
    const root = parseXml('<__proto__ constructor="x" __proto__="y"><prototype/></__proto__>');
    expect(root.name).toBe('__proto__');
    expect(root.attrs.get('__proto__')).toBe('y');
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });
});

describe('XML writing', () => {
  it('escapes so that parsing gives back the same strings, dropping characters XML cannot carry', () => {
    const nasty = 'a&b<c>"d"\te\nf\r\u0001g\uD800h 😀';
    const xml = serializeXml(el('r', { v: nasty }, [], nasty));
    const back = parseXml(xml);
    const expected = 'a&b<c>"d"\te\nf\rgh 😀';
    expect(back.attrs.get('v')).toBe(expected);
    expect(back.children.join('')).toBe(expected);
    expect(escapeText('x\ry')).toBe('x&#13;y');
    expect(escapeAttr('\n')).toBe('&#10;');
  });

  it('writes empty elements self-closed and omits undefined attributes', () => {
    expect(serializeXml(el('a', { x: undefined, y: 1 }, [el('b')]))).toBe('<?xml version="1.0" encoding="utf-8"?>\n<a y="1">\n  <b/>\n</a>\n');
  });
});
