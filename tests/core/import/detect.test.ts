import { describe, expect, it } from 'vitest';
import { documentExtensionsHint, formatFromExtension, hasImportExtension, IMPORT_FORMATS, importAccept, importFormatsHint, isRefiProjectName } from '../../../src/core/import/detect.js';

describe('the one table of import formats', () => {
  it('names every kind of file the import takes, REFI-QDA projects included', () => {
    expect(importFormatsHint()).toBe('Markdown, text, HTML, DOCX, PDF, REFI-QDA (.qdpx, .qdc, .qde)');
    expect(documentExtensionsHint()).toBe('.md, .txt, .html, .docx or .pdf');
  });

  it('gives a file picker every extension of the table, and nothing else', () => {
    const accept = importAccept().split(', ');
    expect(accept).toEqual(IMPORT_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)));
    for (const ext of ['.md', '.markdown', '.txt', '.html', '.htm', '.docx', '.pdf', '.qdpx', '.qdc']) expect(accept).toContain(ext);
    expect(new Set(accept).size).toBe(accept.length);
  });

  it('reads a document format from an extension (any case, with or without the dot); a REFI-QDA project is not a document', () => {
    expect(formatFromExtension('.MD')).toBe('md');
    expect(formatFromExtension('mkd')).toBe('md');
    expect(formatFromExtension('.htm')).toBe('html');
    expect(formatFromExtension('.pdf')).toBe('pdf');
    expect(formatFromExtension('.qdpx')).toBeNull();
    expect(formatFromExtension('.exe')).toBeNull();
    expect(formatFromExtension('.constructor')).toBeNull();
  });

  it('tells REFI-QDA projects and accepted files by name', () => {
    expect(['study.qdpx', 'CODES.QDC', 'project.qde'].every(isRefiProjectName)).toBe(true);
    expect(['study.docx', 'qdpx', 'a.qdpx.txt'].some(isRefiProjectName)).toBe(false);
    expect(['a.md', 'b.TXT', 'c.qdpx', 'd.qdc'].every(hasImportExtension)).toBe(true);
    expect(['e.exe', 'f', 'g.md.bak'].some(hasImportExtension)).toBe(false);
  });
});
