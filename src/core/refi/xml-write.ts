/**
 * Minimal XML writing for REFI-QDA export: escaping that survives a round trip through any
 * conforming parser, and a tiny element builder that writes children in the order given (the
 * REFI-QDA schemas are `xsd:sequence`s, so the caller owns the order).
 */

/** Characters XML 1.0 forbids anywhere, even escaped. They are dropped on export. */
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Remove characters that XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates). */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

/** True when the text holds no character that {@link stripIllegalXmlChars} would remove. */
export function isXmlSafe(text: string): boolean {
  ILLEGAL_XML_CHARS.lastIndex = 0;
  return !ILLEGAL_XML_CHARS.test(text);
}

/** Escape character data: `&`, `<`, `>` and CR (so a CR survives parsing, which turns CRLF into LF). */
export function escapeText(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escape an attribute value; tab, LF and CR become character references so parsers keep them. */
export function escapeAttr(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

/** An element to write: attributes (undefined values are omitted), then text or children. */
export interface XmlOut {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  text?: string;
  children?: XmlOut[];
}

/** Shorthand constructor for {@link XmlOut}. */
export function el(name: string, attrs: XmlOut['attrs'] = {}, children: XmlOut[] = [], text?: string): XmlOut {
  return text === undefined ? { name, attrs, children } : { name, attrs, children, text };
}

/** Serialise an element tree with two-space indentation; text-bearing elements stay on one line. */
export function serializeXml(root: XmlOut): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  const write = (node: XmlOut, depth: number): void => {
    const pad = '  '.repeat(depth);
    let open = `${pad}<${node.name}`;
    for (const [k, v] of Object.entries(node.attrs ?? {})) {
      if (v !== undefined) open += ` ${k}="${escapeAttr(String(v))}"`;
    }
    const kids = node.children ?? [];
    if (node.text !== undefined) {
      out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
    } else if (kids.length === 0) {
      out.push(`${open}/>\n`);
    } else {
      out.push(`${open}>\n`);
      for (const k of kids) write(k, depth + 1);
      out.push(`${pad}</${node.name}>\n`);
    }
  };
  write(root, 0);
  return out.join('');
}
