import type { PmNodeJson, SourceFormat } from '../model/types.js';
import type { Result } from '../model/result.js';
import { DomainException, err, ok } from '../model/result.js';
import { readerSchema } from '../document/schema.js';
import { docNode, plainText } from './pm-build.js';
import { importMarkdown } from './markdown.js';
import { importPlainText } from './plain-text.js';
import { importHtml } from './html.js';
import { looksLikeMarkdown } from './detect.js';
import { promoteHeadings, reflowBlocks, splitBlocksByCase } from './sections.js';
import type { ParsedDocument } from './parsed-document.js';

/** Options shared by every importer once content is parsed. */
export interface FinishOptions {
  /** Join paragraphs broken inside sentences (page breaks, stray blank lines). Default false. */
  reflow?: boolean;
  /** Section names whose bare lines become headings; default: the scorecard sections. */
  headings?: readonly string[];
  /** Known case names: bare lines naming one become level-1 headings (and split points with `split`). */
  caseNames?: readonly string[];
  /** Split into one document per case at lines naming a case. */
  split?: boolean;
  /** With `split`: keep the text before the first case as its own document (default: dropped with a warning). */
  keepPreamble?: boolean;
}

/** One imported document: a parsed document plus its format and, when split, its case. */
export interface ImportedPart extends ParsedDocument {
  format: SourceFormat;
  caseName?: string;
}

/** Labels of every footnote_ref in the blocks. */
function refLabels(blocks: readonly PmNodeJson[], into = new Set<string>()): Set<string> {
  for (const b of blocks) {
    if (b.type === 'footnote_ref') into.add(String(b.attrs?.['label'] ?? ''));
    if (b.content) refLabels(b.content, into);
  }
  return into;
}

function withNotes(blocks: PmNodeJson[], notes: readonly PmNodeJson[]): PmNodeJson[] {
  const labels = refLabels(blocks);
  const mine = notes.filter((n) => labels.has(String(n.attrs?.['label'] ?? '')));
  return mine.length > 0 ? [...blocks, { type: 'footnotes', content: mine }] : blocks;
}

/** Schema check of a finished document; a failure here is a bug in an importer, reported as a value. */
export function validateDoc(doc: PmNodeJson): Result<true> {
  try {
    readerSchema.nodeFromJSON(doc).check();
    return ok(true);
  } catch (e) {
    return err('invalid', `The importer produced an invalid document: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Apply the format-independent steps to a parsed document: bare-line headings, optional reflow,
 * optional split by case (footnotes follow the part that cites them), schema validation.
 * Refuses (as `invalid`) a document without any text.
 */
export function finishImport(parsed: ParsedDocument, format: SourceFormat, opts: FinishOptions = {}): Result<ImportedPart[]> {
  const all = parsed.doc.content ?? [];
  const notes = all.filter((b) => b.type === 'footnotes').flatMap((b) => b.content ?? []);
  let blocks = all.filter((b) => b.type !== 'footnotes');
  blocks = promoteHeadings(blocks, opts.headings, opts.caseNames ?? []);
  if (opts.reflow) blocks = reflowBlocks(blocks);
  const warnings = [...parsed.warnings];
  const parts: ImportedPart[] = [];
  if (opts.split) {
    const { preamble, segments } = splitBlocksByCase(blocks, opts.caseNames ?? []);
    if (segments.length === 0) return err('invalid', 'No line of the file names a known case, so it cannot be split by case. Define the cases first.');
    const preText = plainText(preamble).trim();
    if (preText && opts.keepPreamble) parts.push({ title: parsed.title, format, doc: docNode(withNotes(preamble, notes)), warnings: [...warnings] });
    else if (preText) warnings.push(`The text before the first case (${preText.length} characters, beginning "${preText.slice(0, 40).replace(/\s+/g, ' ')}…") was not imported.`);
    // titled by its section line ("Israel (see also case discussion in book)"), which tells two parts of one case apart
    for (const s of segments) parts.push({ title: s.heading, caseName: s.caseName, format, doc: docNode(withNotes(s.blocks, notes)), warnings: [...warnings] });
  } else {
    parts.push({ title: parsed.title, format, doc: docNode(notes.length > 0 ? [...blocks, { type: 'footnotes', content: notes }] : blocks), warnings });
  }
  for (const p of parts) {
    const v = validateDoc(p.doc);
    if (!v.ok) return v;
  }
  if (parts.every((p) => !plainText(p.doc.content ?? []).trim() && !JSON.stringify(p.doc).includes('"image_placeholder"'))) {
    return err('invalid', 'The file contains no text.');
  }
  return ok(parts);
}

/**
 * Which text format to read a string as: the given one, else plain text. Content never switches
 * the format by itself: a `.txt` keeps every character unless the user chose Markdown (see
 * {@link markdownSuggestion} for the offer made instead).
 */
export function resolveTextFormat(format?: SourceFormat): 'md' | 'txt' | 'html' {
  return format === 'md' || format === 'html' ? format : 'txt';
}

/**
 * The note shown when text read as plain text looks like Markdown, or null. The import report
 * offers to re-import the file as Markdown; nothing is decided silently.
 */
export function markdownSuggestion(text: string): string | null {
  return looksLikeMarkdown(text) ? 'This text looks like Markdown (headings, emphasis, footnotes or lists). It was imported as plain text, every character kept; re-import it as Markdown to get its structure.' : null;
}

/**
 * Import decoded text as Markdown, plain text or HTML (see each importer), then finish it.
 * Never throws: a parser failure is returned as an `invalid` error.
 */
export function importTextContent(text: string, format: 'md' | 'txt' | 'html', opts: FinishOptions = {}): Result<ImportedPart[]> {
  let parsed: ParsedDocument;
  try {
    if (format === 'md') parsed = importMarkdown(text);
    else if (format === 'html') parsed = importHtml(text);
    else parsed = importPlainText(text, { headings: opts.headings, caseNames: opts.caseNames });
  } catch (e) {
    if (e instanceof DomainException) return err(e.code, e.message);
    return err('invalid', `The ${format} content could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return finishImport(parsed, format, opts);
}
