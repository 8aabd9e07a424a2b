/** Matrix and table exports with binary formats (XLSX, DOCX, PNG); text formats come from core. */
export * from './export-matrix.js';
export { matrixToXlsx, tableToXlsx } from './xlsx.js';
export { tableToDocx } from './docx.js';
export { svgToPng, withTextChunk, crc32, PNG_ZOOM } from './png.js';
