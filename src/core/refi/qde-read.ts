import { err, ok, type Result } from '../model/result.js';
import { guidKey } from './guid.js';
import type { QdeCase, QdeCode, QdeCoding, QdeOtherSource, QdeProject, QdeSelection, QdeTextSource, QdeVariable, QdeVariableType, QdeVariableValue } from './qde-model.js';
import { localName, parseXml, XmlSyntaxError, type XmlElement } from './xml-parse.js';

/**
 * Read a REFI-QDA project (`<Project>`) or codebook (`<CodeBook>`) XML into a {@link QdeProject}.
 *
 * Lenient where producers differ (namespace versions or none, element prefixes, missing optional
 * attributes, GUID case and braces), strict where safety needs it (no DOCTYPE or entities; see
 * `xml-parse.ts`). Returns `invalid` for malformed XML or an unknown root element.
 */
export function readQde(xml: string): Result<QdeProject> {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return err('invalid', `Malformed REFI-QDA XML: ${e.message}`);
    throw e;
  }
  if (root.name !== 'Project' && root.name !== 'CodeBook') {
    return err('invalid', `Not a REFI-QDA file: the root element is <${root.name}>, expected <Project> or <CodeBook>`);
  }
  const namespace = root.attrs.get('xmlns') ?? [...root.attrs].find(([k, v]) => k.startsWith('xmlns:') && v.startsWith('urn:QDA-XML'))?.[1] ?? '';
  const known = root.name === 'Project' ? PROJECT_CHILDREN : CODEBOOK_CHILDREN;
  const unknown = new Set<string>();
  for (const c of elements(root)) if (!known.has(c.name)) unknown.add(c.name);
  const project: QdeProject = {
    kind: root.name === 'Project' ? 'project' : 'codebook',
    namespace,
    name: attr(root, 'name') ?? '',
    origin: attr(root, 'origin') ?? '',
    basePath: attr(root, 'basePath') ?? '',
    creatingUser: guidAttr(root, 'creatingUserGUID') ?? guidAttr(root, 'modifyingUserGUID'),
    description: childText(root, 'Description'),
    users: children(child(root, 'Users'), 'User').map((u) => ({ guid: guidAttr(u, 'guid') ?? '', name: attr(u, 'name') ?? attr(u, 'id') ?? '' })),
    codes: children(child(root, 'CodeBook') ?? root, 'Codes').flatMap((cs) => children(cs, 'Code').map(readCode)),
    variables: children(child(root, 'Variables'), 'Variable').map(readVariable),
    cases: children(child(root, 'Cases'), 'Case').map(readCase),
    textSources: [],
    otherSources: [],
    notes: children(child(root, 'Notes'), 'Note').map((n) => readTextSource(n, 'Note')),
    links: children(child(root, 'Links'), 'Link').map((l) => ({
      guid: guidAttr(l, 'guid') ?? '',
      name: attr(l, 'name') ?? '',
      origin: guidAttr(l, 'originGUID'),
      target: guidAttr(l, 'targetGUID'),
    })),
    sets: children(child(root, 'Sets'), 'Set').map((s) => ({
      guid: guidAttr(s, 'guid') ?? '',
      name: attr(s, 'name') ?? '',
      // The codebook schema names the member attribute `guid`, the project schema `targetGUID`.
      memberCodes: children(s, 'MemberCode').map((m) => guidAttr(m, 'targetGUID') ?? guidAttr(m, 'guid') ?? ''),
      memberSources: children(s, 'MemberSource').map((m) => guidAttr(m, 'targetGUID') ?? ''),
      memberNotes: children(s, 'MemberNote').map((m) => guidAttr(m, 'targetGUID') ?? ''),
    })),
    graphs: children(child(root, 'Graphs'), 'Graph').map((g) => ({ guid: guidAttr(g, 'guid') ?? '', name: attr(g, 'name') ?? '' })),
    projectNoteRefs: refs(root, 'NoteRef'),
    unknownElements: [...unknown],
  };
  for (const s of elements(child(root, 'Sources'))) {
    if (s.name === 'TextSource') project.textSources.push(readTextSource(s, 'TextSource'));
    else if (s.name === 'PictureSource' || s.name === 'PDFSource' || s.name === 'AudioSource' || s.name === 'VideoSource') {
      project.otherSources.push(readOtherSource(s, s.name));
    } else project.unknownElements.push(`Sources/${s.name}`);
  }
  return ok(project);
}

const PROJECT_CHILDREN = new Set(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Links', 'Sets', 'Graphs', 'Description', 'NoteRef']);
const CODEBOOK_CHILDREN = new Set(['Codes', 'Sets']);
const VARIABLE_TYPES: readonly QdeVariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];

function readCode(c: XmlElement): QdeCode {
  const color = attr(c, 'color');
  return {
    guid: guidAttr(c, 'guid') ?? '',
    name: attr(c, 'name') ?? '',
    codable: (attr(c, 'isCodable') ?? 'true').trim() !== 'false' && (attr(c, 'isCodable') ?? '').trim() !== '0',
    color: color && /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.test(color.trim()) ? color.trim() : null,
    description: childText(c, 'Description'),
    noteRefs: refs(c, 'NoteRef'),
    children: children(c, 'Code').map(readCode),
  };
}

function readVariable(v: XmlElement): QdeVariable {
  const t = (attr(v, 'typeOfVariable') ?? 'Text').trim();
  const type = VARIABLE_TYPES.find((x) => x.toLowerCase() === t.toLowerCase()) ?? 'Text';
  return { guid: guidAttr(v, 'guid') ?? '', name: attr(v, 'name') ?? '', type, description: childText(v, 'Description') };
}

function readValues(parent: XmlElement): QdeVariableValue[] {
  return children(parent, 'VariableValue').map((vv) => {
    const valueEl = elements(vv).find((e) => e.name !== 'VariableRef');
    const kindName = valueEl?.name.replace(/Value$/, '') ?? '';
    const kind = VARIABLE_TYPES.find((x) => x === kindName) ?? null;
    return { variableGuid: guidAttr(child(vv, 'VariableRef'), 'targetGUID') ?? '', kind, raw: valueEl ? textOf(valueEl) : '' };
  });
}

function readCase(c: XmlElement): QdeCase {
  return {
    guid: guidAttr(c, 'guid') ?? '',
    name: attr(c, 'name') ?? '',
    description: childText(c, 'Description'),
    codeRefs: refs(c, 'CodeRef'),
    values: readValues(c),
    sourceRefs: refs(c, 'SourceRef'),
    selectionRefs: refs(c, 'SelectionRef'),
  };
}

function readCoding(c: XmlElement): QdeCoding {
  return {
    guid: guidAttr(c, 'guid') ?? '',
    codeGuid: guidAttr(child(c, 'CodeRef'), 'targetGUID') ?? '',
    creatingUser: guidAttr(c, 'creatingUser'),
    created: attr(c, 'creationDateTime'),
    noteRefs: refs(c, 'NoteRef'),
  };
}

function readSelection(s: XmlElement): QdeSelection {
  return {
    guid: guidAttr(s, 'guid') ?? '',
    name: attr(s, 'name') ?? '',
    start: attr(s, 'startPosition') ?? '',
    end: attr(s, 'endPosition') ?? '',
    creatingUser: guidAttr(s, 'creatingUser'),
    modifyingUser: guidAttr(s, 'modifyingUser'),
    created: attr(s, 'creationDateTime') ?? attr(s, 'modifiedDateTime'),
    description: childText(s, 'Description'),
    codings: children(s, 'Coding').map(readCoding),
    noteRefs: refs(s, 'NoteRef'),
  };
}

function readTextSource(s: XmlElement, element: QdeTextSource['element']): QdeTextSource {
  const inline = child(s, 'PlainTextContent');
  return {
    element,
    guid: guidAttr(s, 'guid') ?? '',
    name: attr(s, 'name') ?? '',
    plainTextPath: attr(s, 'plainTextPath'),
    richTextPath: attr(s, 'richTextPath'),
    inlineText: inline ? textOf(inline) : null,
    description: childText(s, 'Description'),
    selections: children(s, 'PlainTextSelection').map(readSelection),
    codings: children(s, 'Coding').map(readCoding),
    noteRefs: refs(s, 'NoteRef'),
    values: readValues(s),
    creatingUser: guidAttr(s, 'creatingUser') ?? guidAttr(s, 'modifyingUser'),
    created: attr(s, 'creationDateTime') ?? attr(s, 'modifiedDateTime'),
  };
}

function readOtherSource(s: XmlElement, element: QdeOtherSource['element']): QdeOtherSource {
  const selections = elements(s).filter((e) => e.name.endsWith('Selection'));
  return {
    element,
    guid: guidAttr(s, 'guid') ?? '',
    name: attr(s, 'name') ?? '',
    path: attr(s, 'path') ?? attr(s, 'currentPath'),
    selections: selections.length,
    codings: children(s, 'Coding').length + selections.reduce((n, sel) => n + children(sel, 'Coding').length, 0),
    textParts: elements(s)
      .filter((e) => e.name === 'Representation' || e.name === 'Transcript' || e.name === 'TextDescription')
      .map((e) => readTextSource(e, e.name === 'Transcript' ? 'Transcript' : 'Representation')),
  };
}

// ---- tree helpers (local names; namespaces and prefixes are ignored) ----

function elements(parent: XmlElement | undefined): XmlElement[] {
  return parent ? parent.children.filter((c): c is XmlElement => typeof c !== 'string') : [];
}
function children(parent: XmlElement | undefined, name: string): XmlElement[] {
  return elements(parent).filter((c) => c.name === name);
}
function child(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return elements(parent).find((c) => c.name === name);
}
function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
function childText(parent: XmlElement, name: string): string {
  const c = child(parent, name);
  return c ? textOf(c) : '';
}
/** An attribute by local name: exact match first, then any prefixed form (never `xmlns:`). */
function attr(e: XmlElement | undefined, name: string): string | null {
  if (!e) return null;
  const exact = e.attrs.get(name);
  if (exact !== undefined) return exact;
  for (const [k, v] of e.attrs) if (!k.startsWith('xmlns') && localName(k) === name) return v;
  return null;
}
function guidAttr(e: XmlElement | undefined, name: string): string | null {
  const v = attr(e, name);
  return v === null || v.trim() === '' ? null : guidKey(v);
}
function refs(parent: XmlElement, name: string): string[] {
  return children(parent, name)
    .map((r) => guidAttr(r, 'targetGUID'))
    .filter((g): g is string => g !== null);
}
