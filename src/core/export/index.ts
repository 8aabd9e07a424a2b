/**
 * Publication exports of matrices, count matrices and co-occurrence tables. Text formats are pure
 * string builders here; binary formats (XLSX, DOCX, PNG) live in `src/main/export`.
 */
export * from './manifest.js';
export * from './escape.js';
export * from './table.js';
export * from './bundle.js';
export * from './csv.js';
export * from './markdown.js';
export * from './latex.js';
export * from './html.js';
export * from './svg.js';
export * from './json.js';
export * from './render.js';
export * from './formats.js';
export * from './file-name.js';
export * from './latex-text.js';
