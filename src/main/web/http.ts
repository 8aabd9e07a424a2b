/**
 * What both HTTP servers (browser mode, `web/server.ts`, and the team server) do alike: read a
 * request body within the size limit, and serve the built renderer's static files with the strict
 * CSP. One home, so a fix to either reaches both.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { mimeFor, staticPath, WEB_CSP } from './security.js';

/** Largest JSON body accepted by the API (uploads are base64 in the body). */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;

/** The request's body as text, or null when it passed {@link MAX_BODY_BYTES} (the rest is read and dropped). */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * Answer a request for a file of the built renderer in `staticDir` (null: none is served): only
 * GET and HEAD, only paths `staticPath` allows, with the strict CSP and no caching; anything else
 * is 405 or 404.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, staticDir: string | null): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendPlain(res, 405, 'Method not allowed');
  const rel = staticPath(pathname);
  if (!rel || !staticDir) return sendPlain(res, 404, 'Not found');
  try {
    const bytes = await readFile(join(staticDir, rel));
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.writeHead(200, { 'Content-Type': mimeFor(extname(rel)) });
    res.end(bytes);
  } catch {
    sendPlain(res, 404, 'Not found');
  }
}
