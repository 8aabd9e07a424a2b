import type { Case, DocumentMeta, Id, PmNodeJson, ProjectData, SourceContent, SourceFormat } from '../model/types.js';
import { TEXT_VERSION } from '../model/types.js';
import type { CoreEnv } from '../model/ids.js';
import { err, ok, type Result } from '../model/result.js';
import { readerSchema } from '../document/schema.js';
import { buildTextIndex } from '../document/text-index.js';
import { sha256Hex } from '../util/hash.js';

/** What an importer hands over for one document. */
export interface IncomingDocument {
  title: string;
  format: SourceFormat;
  doc: PmNodeJson;
  sourceFile: string;
  caseName?: string;
}

/** The outcome of {@link addDocument}. `duplicateOf` is set (and nothing added) when the text is already in the project. */
export interface AddedDocument {
  data: ProjectData;
  meta: DocumentMeta | null;
  source: SourceContent | null;
  duplicateOf: Id | null;
}

/**
 * Validate an imported ProseMirror document against the reader schema and build its immutable
 * content record (canonical text, hash, page map).
 */
export function buildSource(id: Id, doc: PmNodeJson): Result<{ source: SourceContent; pages: { page: number; offset: number }[] }> {
  let node;
  try {
    node = readerSchema.nodeFromJSON(doc);
    node.check();
  } catch (e) {
    return err('invalid', `The imported document does not fit the reader schema: ${(e as Error).message}`);
  }
  const index = buildTextIndex(node);
  const textHash = sha256Hex(index.text);
  return ok({ source: { id, textVersion: TEXT_VERSION, doc, text: index.text, textHash }, pages: [...index.pages] });
}

/** Find a case by name, case-insensitively. */
export function findCaseByName(data: ProjectData, name: string): Case | undefined {
  const want = name.trim().toLowerCase();
  return data.cases.find((c) => c.name.toLowerCase() === want);
}

/** Return the project with a case of that name (created when missing) and the case. */
export function ensureCase(data: ProjectData, name: string, env: CoreEnv): { data: ProjectData; kase: Case } {
  const found = findCaseByName(data, name);
  if (found) return { data, kase: found };
  const kase: Case = { id: env.newId('k_'), name: name.trim(), attributes: {} };
  return { data: { ...data, cases: [...data.cases, kase] }, kase };
}

/**
 * Add one imported document to the project: builds its content, skips it when a document with the
 * same text hash exists, and assigns it to `caseName` (creating the case) when given.
 */
export function addDocument(data: ProjectData, incoming: IncomingDocument, env: CoreEnv): Result<AddedDocument> {
  const id = env.newId('d_');
  const built = buildSource(id, incoming.doc);
  if (!built.ok) return built;
  const { source, pages } = built.value;
  const dup = data.documents.find((d) => d.textHash === source.textHash);
  if (dup) return ok({ data, meta: null, source: null, duplicateOf: dup.id });
  let next = data;
  let caseId: Id | null = null;
  if (incoming.caseName && incoming.caseName.trim()) {
    const r = ensureCase(next, incoming.caseName, env);
    next = r.data;
    caseId = r.kase.id;
  }
  const meta: DocumentMeta = {
    id,
    caseId,
    title: incoming.title.trim() || incoming.sourceFile,
    sourceFile: incoming.sourceFile,
    format: incoming.format,
    textHash: source.textHash,
    chars: source.text.length,
    importedAt: env.now(),
    textVersion: TEXT_VERSION,
  };
  if (pages.length > 0) meta.pages = pages;
  next = { ...next, documents: [...next.documents, meta] };
  return ok({ data: next, meta, source, duplicateOf: null });
}
