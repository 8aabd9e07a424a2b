import { describe, expect, it } from 'vitest';
import { loadPdfJs } from '../../../src/main/import/pdf.js';

describe('loading pdf.js', () => {
  it('keeps the native JSON and Array.prototype.push (its core-js polyfills are 10–15× slower)', async () => {
    const natives = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push };
    const pdfjs = await loadPdfJs();
    expect(typeof pdfjs.getDocument).toBe('function');
    expect(JSON.stringify).toBe(natives.stringify);
    expect(JSON.parse).toBe(natives.parse);
    expect(Array.prototype.push).toBe(natives.push);
    expect(JSON.stringify.toString()).toContain('[native code]');
  });
});
