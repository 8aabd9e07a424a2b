/**
 * A small, strict, non-validating XML parser for REFI-QDA files (`.qde`, `.qdc`).
 *
 * Why our own: exchange files are untrusted. This parser refuses every DOCTYPE and entity
 * declaration outright (no XXE, no "billion laughs"), knows only the five predefined entities and
 * numeric character references, bounds nesting depth and element count, keeps text exactly
 * (whitespace included) and stores attributes in `Map`s so hostile names such as `__proto__`
 * cannot reach any prototype. Elements are matched by local name, so namespace variants
 * (`urn:QDA-XML:project:1.0`, `…:0:4`, none at all) all read the same.
 */

/** An element: its local name, its raw qualified attributes and its children in order. */
export interface XmlElement {
  /** Local name (prefix removed). */
  name: string;
  /** Attributes by qualified name as written (`guid`, `xmlns`, `xsi:schemaLocation`). */
  attrs: Map<string, string>;
  children: XmlNode[];
}

/** A child node: an element, or a run of character data (entities decoded). */
export type XmlNode = XmlElement | string;

/** Limits that bound the work an untrusted document can cause. */
export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  maxAttributeLength: number;
}

/** Defaults: far above any real REFI-QDA export, far below what would hurt. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxElements: 2_000_000, maxAttributeLength: 1_000_000 };

/** Raised inside the parser only; {@link parseXml} callers see it as a thrown error with a position. */
export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\n]*/y;
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The local part of a qualified name (`xsi:type` → `type`). */
export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Parse an XML document into its root element. Throws {@link XmlSyntaxError} (with line and
 * column) on anything malformed, on any `<!DOCTYPE`/`<!ENTITY`, on unknown entity references and
 * when a limit is exceeded. A leading BOM is ignored; line ends are normalised to LF first, as the
 * XML specification requires.
 */
export function parseXml(input: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const src = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  let i = 0;
  let elements = 0;
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];

  const fail = (message: string, at = i): never => {
    const before = src.slice(0, at);
    const line = before.split('\n').length;
    const col = at - before.lastIndexOf('\n');
    throw new XmlSyntaxError(`${message} (line ${line}, column ${col})`);
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = i;
    SPACE.exec(src);
    i = SPACE.lastIndex;
  };
  const decode = (raw: string, at: number): string => {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) return fail('unterminated entity reference', at);
      const named = PREDEFINED.get(ref);
      if (named !== undefined) return named;
      const num = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
      if (!num) return fail(`unknown entity &${ref}; (entity declarations are not allowed)`, at);
      const cp = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2] ?? '', 10);
      const legal = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!legal) return fail(`character reference &${ref}; is not a legal XML character`, at);
      return String.fromCodePoint(cp);
    });
  };
  const addText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top) {
      const last = top.children[top.children.length - 1];
      if (typeof last === 'string') top.children[top.children.length - 1] = last + text;
      else top.children.push(text);
    } else if (text.trim() !== '') fail('text outside the root element', at);
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      if (raw.includes(']]>')) fail('"]]>" in character data', i);
      addText(decode(raw, i), i);
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
    } else if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end < 0) fail('unterminated CDATA section');
      if (stack.length === 0) fail('CDATA outside the root element');
      addText(src.slice(i + 9, end), i);
      i = end + 3;
    } else if (src.startsWith('<!', i)) {
      fail('DOCTYPE and entity declarations are not allowed in REFI-QDA files');
    } else if (src.startsWith('</', i)) {
      i += 2;
      const qname = readName();
      skipSpace();
      if (src[i] !== '>') fail('expected ">" after the end-tag name');
      i++;
      const open = stack.pop();
      if (!open || open.name !== localName(qname)) fail(`unexpected end tag </${qname}>`, i);
    } else {
      i++;
      const qname = readName();
      const el: XmlElement = { name: localName(qname), attrs: new Map(), children: [] };
      if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`);
      for (;;) {
        const before = i;
        skipSpace();
        if (src[i] === '/' && src[i + 1] === '>') {
          i += 2;
          break;
        }
        if (src[i] === '>') {
          i++;
          stack.push(el);
          if (stack.length > limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth}`);
          break;
        }
        if (i === before) fail('expected whitespace between attributes');
        const an = readName();
        skipSpace();
        if (src[i] !== '=') fail(`expected "=" after attribute ${an}`);
        i++;
        skipSpace();
        const quote = src[i] ?? '';
        if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
        const end = src.indexOf(quote, i + 1);
        if (end < 0) fail('unterminated attribute value');
        const raw = src.slice(i + 1, end);
        if (raw.includes('<')) fail('"<" in an attribute value', i);
        if (raw.length > limits.maxAttributeLength) fail(`attribute ${an} longer than ${limits.maxAttributeLength}`);
        if (el.attrs.has(an)) fail(`duplicate attribute ${an}`);
        el.attrs.set(an, decode(raw.replace(/[\t\n]/g, ' '), i));
        i = end + 1;
      }
      const parent = stack.length > 0 && stack[stack.length - 1] !== el ? stack[stack.length - 1] : stack[stack.length - 2];
      if (parent) parent.children.push(el);
      else if (root) fail('more than one root element');
      else root = el;
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1]?.name}>`);
  if (!root) fail('no root element');
  return root as XmlElement;
}
