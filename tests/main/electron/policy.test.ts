import { describe, expect, it } from 'vitest';
import { PACKAGED_ORIGIN } from '../../../src/main/electron/app-origin.js';
import { contentSecurityPolicy, isTrustedSender, navigationDecision, permissionDecision, safeExternalUrl, secureWebPreferences, windowOpenDecision } from '../../../src/main/electron/policy.js';

const DEV = { protocol: 'http:', host: 'localhost:5173' };

/** Parse a CSP header value into directive name → sources. */
function parseCsp(value: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears once`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

describe('secureWebPreferences', () => {
  it('is exactly the hardened set, with the preload and no Blink features', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', { devTools: false })).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
  });

  it('only toggles DevTools in dev', () => {
    const dev = secureWebPreferences('/p.cjs', { devTools: true });
    const prod = secureWebPreferences('/p.cjs', { devTools: false });
    expect({ ...dev, devTools: false }).toStrictEqual(prod);
    expect(dev.devTools).toBe(true);
    expect('enableBlinkFeatures' in prod).toBe(false);
    expect('additionalArguments' in prod).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only the app itself in a built app', () => {
    const csp = parseCsp(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('never allows eval, inline script, wildcards or any remote origin in a built app', () => {
    const value = contentSecurityPolicy();
    expect(value).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes/);
    expect(value).not.toMatch(/\*/);
    expect(value).not.toMatch(/https?:|wss?:/);
  });

  it('in dev, relaxes inline script/style and adds only the dev server websocket, never eval', () => {
    const value = contentSecurityPolicy({ devServer: DEV });
    const csp = parseCsp(value);
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(value).not.toMatch(/unsafe-eval/);
  });
});

describe('safeExternalUrl', () => {
  it.each([
    ['https://www.state.gov/trafficking-in-persons-report/', 'https://www.state.gov/trafficking-in-persons-report/'],
    ['http://example.org', 'http://example.org/'],
    ['HTTPS://Example.ORG/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['mailto:author@example.org', 'mailto:author@example.org'],
    ['mailto:author@example.org?subject=Case%20study', 'mailto:author@example.org?subject=Case%20study'],
  ])('opens %s as %s', (raw, expected) => expect(safeExternalUrl(raw)).toBe(expected));

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\nscript:alert(1)',
    ' https://example.org',
    'https://example.org/\u0000',
    'https://exa mple.org',
    'file:///etc/passwd',
    'file://host/share/x',
    'smb://attacker/share',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'app://casecoder/index.html',
    'about:blank',
    'blob:https://example.org/1',
    'ftp://example.org/',
    'https://user:pass@example.org/',
    'https://user@example.org/',
    'mailto:',
    'mailto:nobody',
    'http://',
    '//example.org/',
    '/relative/path',
    '',
    'https://example.org/' + 'a'.repeat(3000),
  ])('refuses %j', (raw) => expect(safeExternalUrl(raw)).toBeNull());

  it('refuses non-strings', () => {
    expect(safeExternalUrl(undefined)).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
    expect(safeExternalUrl(new URL('https://example.org'))).toBeNull();
  });
});

describe('navigationDecision', () => {
  it('lets the main frame move within the app origin', () => {
    expect(navigationDecision('app://casecoder/index.html', PACKAGED_ORIGIN, true)).toEqual({ allow: true, openExternal: null });
    expect(navigationDecision('http://localhost:5173/', DEV, true)).toEqual({ allow: true, openExternal: null });
  });

  it('stops web and mail links in the main frame and hands them to the system', () => {
    expect(navigationDecision('https://example.org/report', PACKAGED_ORIGIN, true)).toEqual({
      allow: false,
      openExternal: 'https://example.org/report',
    });
    expect(navigationDecision('mailto:a@example.org', PACKAGED_ORIGIN, true)).toEqual({
      allow: false,
      openExternal: 'mailto:a@example.org',
    });
  });

  it.each([
    'app://casecoder.evil/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'blob:app://casecoder/0',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
  ])('denies %s without opening anything', (url) => {
    expect(navigationDecision(url, PACKAGED_ORIGIN, true)).toEqual({ allow: false, openExternal: null });
  });

  it('treats a dev-server URL in a built app as any web link: denied here, opened outside', () => {
    expect(navigationDecision('http://localhost:5173/', PACKAGED_ORIGIN, true)).toEqual({
      allow: false,
      openExternal: 'http://localhost:5173/',
    });
  });

  it('denies every sub-frame navigation, even to the app origin or the web', () => {
    for (const url of ['app://casecoder/index.html', 'https://example.org/', 'about:blank']) {
      expect(navigationDecision(url, PACKAGED_ORIGIN, false)).toEqual({ allow: false, openExternal: null });
    }
  });

  it('in dev, trusts the dev server but not look-alike ports or hosts', () => {
    expect(navigationDecision('http://localhost:5174/', DEV, true).allow).toBe(false);
    expect(navigationDecision('http://localhost:5173.attacker.com/', DEV, true).allow).toBe(false);
    expect(navigationDecision('app://casecoder/index.html', DEV, true).allow).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it.each([
    ['https://example.org/', 'https://example.org/'],
    ['mailto:a@example.org', 'mailto:a@example.org'],
    ['app://casecoder/index.html', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['about:blank', null],
    ['', null],
  ])('never opens a window for %s (external: %s)', (url, external) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternal: external });
  });
});

describe('isTrustedSender', () => {
  const top = (url: string) => ({ url, parent: null });

  it('accepts the top-level renderer document only', () => {
    expect(isTrustedSender(top('app://casecoder/index.html'), PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender(top('app://casecoder/'), PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5173/'), DEV)).toBe(true);
  });

  it('rejects a missing frame (navigated away or destroyed)', () => {
    expect(isTrustedSender(null, PACKAGED_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, PACKAGED_ORIGIN)).toBe(false);
  });

  it('rejects sub-frames, even of the app origin', () => {
    const parent = top('app://casecoder/index.html');
    expect(isTrustedSender({ url: 'app://casecoder/index.html', parent }, PACKAGED_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'app://casecoder/index.html', parent: undefined }, PACKAGED_ORIGIN)).toBe(false);
  });

  it.each(['app://casecoder.evil/index.html', 'app://evil/index.html', 'app://casecoder/other.html', 'file:///work/main/out/renderer/index.html', 'https://example.org/', 'about:blank', 'data:text/html,x', 'javascript:void 0', ''])(
    'rejects a top frame at %s',
    (url) => expect(isTrustedSender(top(url), PACKAGED_ORIGIN)).toBe(false),
  );
});

describe('permissionDecision', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'midiSysex', 'display-capture', 'hid', 'serial', 'usb', 'fileSystem', 'unknown', ''])(
    'denies %s',
    (permission) => expect(permissionDecision(permission)).toBe(false),
  );
});
