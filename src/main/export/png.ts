import { Resvg } from '@resvg/resvg-js';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../core/util/crc32.js';

/** Scale factor of the raster: 2× the SVG's CSS pixels, about 190 dpi at print size. */
export const PNG_ZOOM = 2;

/**
 * Rasterise an SVG figure to PNG with resvg (prebuilt native binary from npm, no download at
 * install time), using the system fonts, and embed `metadata` as an iTXt chunk (keyword
 * `casecoder-manifest`, UTF-8, compressed) so the PNG carries its manifest like the other formats.
 */
export function svgToPng(svg: string, metadata?: string): Uint8Array {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_ZOOM }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  const png = new Uint8Array(r.render().asPng());
  return metadata === undefined ? png : withTextChunk(png, 'casecoder-manifest', metadata);
}

/** Insert a compressed iTXt chunk right after IHDR (PNG spec §11.3.4.5). */
export function withTextChunk(png: Uint8Array, keyword: string, value: string): Uint8Array {
  const enc = new TextEncoder();
  const kw = enc.encode(keyword);
  const body = deflateSync(enc.encode(value));
  // keyword \0 compression-flag(1) method(0) language-tag \0 translated-keyword \0 text
  const data = new Uint8Array(kw.length + 5 + body.length);
  data.set(kw, 0);
  data.set([0, 1, 0, 0, 0], kw.length);
  data.set(body, kw.length + 5);
  const chunk = makeChunk('iTXt', data);
  const ihdrEnd = 8 + 8 + 13 + 4;
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export { crc32 };
