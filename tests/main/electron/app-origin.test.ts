import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, PACKAGED_ORIGIN, appOriginFor, appResponseHeaders, contentTypeFor, isAppUrl, isRendererDocumentUrl, resolveAppRequest } from '../../../src/main/electron/app-origin.js';

const DEV = { protocol: 'http:', host: 'localhost:5173' };

describe('appOriginFor', () => {
  it('uses the packaged app:// origin when there is no dev server', () => {
    expect(appOriginFor(undefined)).toEqual(PACKAGED_ORIGIN);
    expect(appOriginFor('')).toEqual(PACKAGED_ORIGIN);
  });

  it('accepts a loopback http dev server, with its port', () => {
    expect(appOriginFor('http://localhost:5173/')).toEqual(DEV);
    expect(appOriginFor('http://127.0.0.1:5174')).toEqual({ protocol: 'http:', host: '127.0.0.1:5174' });
    expect(appOriginFor('http://[::1]:5173/')).toEqual({ protocol: 'http:', host: '[::1]:5173' });
  });

  it.each(['https://localhost:5173/', 'http://example.com:5173/', 'http://localhost.evil.com:5173/', 'http://user:pw@localhost:5173/', 'file:///tmp/index.html', 'not a url'])(
    'falls back to the packaged origin for a non-loopback or odd dev URL: %s',
    (url) => {
      expect(appOriginFor(url)).toEqual(PACKAGED_ORIGIN);
    },
  );
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://casecoder/', 'app://casecoder/assets/index-abc.js', 'app://casecoder/index.html#/doc/1'])('accepts %s', (url) => expect(isAppUrl(url, PACKAGED_ORIGIN)).toBe(true));

  it.each([
    'app://casecoder.evil/index.html',
    'app://evil/index.html',
    'app://casecoder@evil/index.html',
    'app://user@casecoder/index.html',
    'app://casecoder:8080/index.html',
    'app://CASECODER/index.html',
    'apps://casecoder/index.html',
    'file:///work/main/out/renderer/index.html',
    'https://casecoder/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'blob:app://casecoder/1234',
    '',
    'casecoder/index.html',
  ])('rejects %s', (url) => expect(isAppUrl(url, PACKAGED_ORIGIN)).toBe(false));

  it('rejects non-strings', () => {
    expect(isAppUrl(undefined, PACKAGED_ORIGIN)).toBe(false);
    expect(isAppUrl(42, PACKAGED_ORIGIN)).toBe(false);
    expect(isAppUrl({ toString: () => APP_ENTRY_URL }, PACKAGED_ORIGIN)).toBe(false);
  });

  it('compares dev origins by exact host and port, not by prefix', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:51730/', DEV)).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.com/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
  });
});

describe('isRendererDocumentUrl', () => {
  it('accepts only the renderer document on the app origin', () => {
    expect(isRendererDocumentUrl(APP_ENTRY_URL, PACKAGED_ORIGIN)).toBe(true);
    expect(isRendererDocumentUrl('app://casecoder/', PACKAGED_ORIGIN)).toBe(true);
    expect(isRendererDocumentUrl('app://casecoder/index.html?x=1#/a', PACKAGED_ORIGIN)).toBe(true);
    expect(isRendererDocumentUrl('app://casecoder/other.html', PACKAGED_ORIGIN)).toBe(false);
    expect(isRendererDocumentUrl('app://casecoder/assets/index.html', PACKAGED_ORIGIN)).toBe(false);
    expect(isRendererDocumentUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isRendererDocumentUrl('http://localhost:5173/', PACKAGED_ORIGIN)).toBe(false);
  });
});

describe('resolveAppRequest', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');

  it('maps the root and files inside the bundle', () => {
    expect(resolveAppRequest('app://casecoder/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://casecoder', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest(APP_ENTRY_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://casecoder/assets/app.js?v=1', root)).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppRequest('app://casecoder/assets/a%20b.js', root)).toBe(path.join(root, 'assets', 'a b.js'));
  });

  it.each([
    'app://casecoder/..%2f..%2fetc%2fpasswd',
    'app://casecoder/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://casecoder/%2e%2e%2f%2e%2e%2fsecret',
    'app://casecoder/..%5c..%5csecret',
    'app://casecoder/index.html%00.js',
    'app://casecoder/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://casecoder/index.html',
  ])('refuses %s', (url) => expect(resolveAppRequest(url, root)).toBeNull());

  it('keeps parser-resolved dot segments inside the bundle', () => {
    // The URL parser already folds "/../../etc/passwd" to "/etc/passwd": it must land inside root.
    const resolved = resolveAppRequest('app://casecoder/../../etc/passwd', root);
    expect(resolved).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppRequest('app://casecoder/%2e%2e/%2e%2e/etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('never returns a path outside the bundle for any printable path', () => {
    const pieces = ['..', '.', '%2e%2e', '%2E%2e', '%2f', '%5c', 'a', 'assets', '/', '//', '%00', '~', '%252e'];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const resolved = resolveAppRequest(`app://casecoder/${a}${b}${c}`, root);
          if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
        }
  });
});

describe('response headers', () => {
  it('types the files Vite emits and never lets the browser sniff', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/index-1.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/f.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
    const headers = appResponseHeaders('/x/index.html', "default-src 'self'");
    expect(headers['Content-Security-Policy']).toBe("default-src 'self'");
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
