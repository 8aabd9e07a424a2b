import { Document, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type ParagraphChild } from 'docx';
import { strFromU8, strToU8, zipSync } from 'fflate';
import type { PmNodeJson } from '../../core/model/types.js';
import { readZipEntries } from '../zip/safe-zip.js';

/**
 * A document's structure as the REFI-QDA rich-text source: a DOCX written beside the plain text in
 * `sources/`, as NVivo does. Headings, paragraphs, line breaks, bullet and numbered lists (nested),
 * tables (a first row of header cells as a header row), footnotes and the marks emphasis, strong,
 * superscript, subscript and links are written in the shapes mammoth reads back, so that importing
 * the file rebuilds the same reader document. Block quotes are written as their paragraphs, rules
 * and page markers (which hold no text) are left out, image placeholders become their text.
 * The plain text stays the reference for positions; the importer checks the rebuilt text against it.
 */
export async function docToDocx(doc: PmNodeJson, title: string): Promise<Uint8Array> {
  const w = new DocxWriter();
  w.collectNotes(doc);
  const body = w.blocks(topLevel(doc), 0);
  const file = new Document({
    title,
    creator: 'Casecoder',
    numbering: {
      config: [
        { reference: BULLET, levels: levels(LevelFormat.BULLET) },
        { reference: ORDERED, levels: levels(LevelFormat.DECIMAL) },
      ],
    },
    footnotes: w.footnoteParts(),
    sections: [{ children: body.length > 0 ? body : [new Paragraph({})] }],
  });
  return deterministic(new Uint8Array(await Packer.toArrayBuffer(file)));
}

const FIXED_TIME = new Date('2020-01-01T00:00:00Z');

/**
 * The same DOCX with its creation and modification times fixed and the archive re-zipped with fixed
 * entry times, so the same document always gives the same bytes (and so does the `.qdpx`).
 */
function deterministic(bytes: Uint8Array): Uint8Array {
  const read = readZipEntries(bytes);
  if (!read.ok) throw new Error(`the docx library wrote an unreadable archive: ${read.error.message}`);
  const files = read.value;
  const core = files.get('docProps/core.xml');
  if (core) files.set('docProps/core.xml', strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, '$12020-01-01T00:00:00Z')));
  const out: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const name of [...files.keys()].sort()) out[name] = [files.get(name) as Uint8Array, { level: 6, mtime: FIXED_TIME }];
  return zipSync(out);
}

const BULLET = 'casecoder-bullet';
const ORDERED = 'casecoder-ordered';

function levels(format: (typeof LevelFormat)[keyof typeof LevelFormat]): { level: number; format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }[] {
  return Array.from({ length: 9 }, (_, level) => ({ level, format, text: format === LevelFormat.BULLET ? '•' : `%${level + 1}.` }));
}

/** The body blocks, without the footnotes section (its notes become Word footnotes). */
function topLevel(doc: PmNodeJson): PmNodeJson[] {
  return (doc.content ?? []).filter((b) => b.type !== 'footnotes');
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

type Block = Paragraph | Table;

class DocxWriter {
  private readonly notes = new Map<string, number>();
  private listInstance = 0;
  private footnoteDefs = new Map<string, PmNodeJson[]>();

  footnoteParts(): Record<string, { children: Paragraph[] }> {
    const out: Record<string, { children: Paragraph[] }> = {};
    this.notes.forEach((id, label) => {
      const body = this.footnoteDefs.get(label) ?? [];
      const paras = this.blocks(body, 0).filter((b): b is Paragraph => b instanceof Paragraph);
      out[String(id)] = { children: paras.length > 0 ? paras : [new Paragraph({})] };
    });
    return out;
  }

  /** Footnote definitions of the document, read before the body so references find them. */
  collectNotes(doc: PmNodeJson): void {
    for (const b of doc.content ?? []) {
      if (b.type !== 'footnotes') continue;
      for (const n of b.content ?? []) this.footnoteDefs.set(String(n.attrs?.['label'] ?? ''), n.content ?? []);
    }
  }

  blocks(nodes: readonly PmNodeJson[], depth: number): Block[] {
    return nodes.flatMap((n) => this.block(n, depth));
  }

  private block(n: PmNodeJson, depth: number): Block[] {
    switch (n.type) {
      case 'paragraph':
        return [new Paragraph({ children: this.inline(n.content ?? []) })];
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(n.attrs?.['level'] ?? 1)));
        return [new Paragraph({ heading: HEADINGS[level - 1], children: this.inline(n.content ?? []) })];
      }
      case 'blockquote':
        return this.blocks(n.content ?? [], depth);
      case 'bullet_list':
      case 'ordered_list':
        return this.list(n, depth);
      case 'table':
        return [this.table(n)];
      default:
        return [];
    }
  }

  private list(n: PmNodeJson, depth: number): Block[] {
    const reference = n.type === 'bullet_list' ? BULLET : ORDERED;
    const instance = ++this.listInstance;
    const out: Block[] = [];
    for (const item of n.content ?? []) {
      for (const child of item.content ?? []) {
        if (child.type === 'paragraph' || child.type === 'heading') {
          out.push(new Paragraph({ children: this.inline(child.content ?? []), numbering: { reference, level: Math.min(8, depth), instance } }));
        } else if (child.type === 'bullet_list' || child.type === 'ordered_list') out.push(...this.list(child, depth + 1));
        else out.push(...this.block(child, depth));
      }
    }
    return out;
  }

  private table(n: PmNodeJson): Table {
    const rows = (n.content ?? []).map((row, i) => {
      const cells = row.content ?? [];
      const header = i === 0 && cells.length > 0 && cells.every((c) => c.attrs?.['header'] === true);
      return new TableRow({ ...(header ? { tableHeader: true } : {}), children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: this.inline(c.content ?? []) })] })) });
    });
    return new Table({ rows });
  }

  private inline(nodes: readonly PmNodeJson[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const n of nodes) {
      if (n.type === 'text') {
        const marks = new Set((n.marks ?? []).map((m) => m.type));
        const run = new TextRun({
          text: n.text ?? '',
          ...(marks.has('em') ? { italics: true } : {}),
          ...(marks.has('strong') ? { bold: true } : {}),
          ...(marks.has('sup') ? { superScript: true } : {}),
          ...(marks.has('sub') ? { subScript: true } : {}),
        });
        const href = (n.marks ?? []).find((m) => m.type === 'link')?.attrs?.['href'];
        out.push(typeof href === 'string' && /^(https?|mailto):/i.test(href) ? new ExternalHyperlink({ link: href, children: [run] }) : run);
      } else if (n.type === 'hard_break') out.push(new TextRun({ break: 1 }));
      else if (n.type === 'footnote_ref') out.push(new FootnoteReferenceRun(this.noteId(String(n.attrs?.['label'] ?? ''))));
      else if (n.type === 'image_placeholder') out.push(new TextRun({ text: `[Image: ${String(n.attrs?.['alt'] ?? '')}]` }));
    }
    return out;
  }

  /** Word numbers footnotes by id; numeric labels keep their number, others are numbered in order. */
  private noteId(label: string): number {
    const known = this.notes.get(label);
    if (known !== undefined) return known;
    const wanted = /^[1-9]\d{0,5}$/.test(label) ? Number(label) : 0;
    const taken = new Set(this.notes.values());
    let id = wanted && !taken.has(wanted) ? wanted : this.notes.size + 1;
    while (taken.has(id)) id++;
    this.notes.set(label, id);
    return id;
  }
}
