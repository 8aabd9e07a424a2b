import type { WebPreferences } from 'electron';
import { isAppUrl, isRendererDocumentUrl, parseUrl, type AppOrigin } from './app-origin.js';

/**
 * Every security decision of the Electron shell, as plain functions of plain values.
 *
 * `index.ts` only wires these to Electron's events; the decisions themselves are unit-tested in
 * Node without the Electron binary. Together they cover items 2–15 and 17 of Electron's security
 * checklist (the preload covers 20, the app:// scheme 18, the packaging fuses 19). Each function
 * fails closed: anything it does not recognise is denied.
 */

/**
 * The renderer's webPreferences. Context isolation, the sandbox and web security on; Node
 * integration (in the page, its workers and sub-frames), `<webview>`, insecure content, experimental
 * and Blink features off; navigation by dropping a file onto the window off. DevTools only in dev.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
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
    devTools: options.devTools,
  };
}

/** Options of the CSP: a dev server origin (electron-vite dev) relaxes exactly what Vite's HMR needs. */
export interface CspOptions {
  /** `http://localhost:5173`-style origin of the Vite dev server; absent in a built app. */
  devServer?: AppOrigin;
}

/**
 * The Content-Security-Policy for the renderer, as one header value.
 *
 * Built app: everything from `'self'` only; no inline or eval'd script; no inline `<style>` or
 * `style="…"` markup either (React style props and ProseMirror decorations set styles through the
 * CSSOM, which CSP does not restrict); images may also be `data:`/`blob:` (icons, exported
 * charts); no plugins, no frames, no `<base>`, no form posts, and the page may not be framed.
 * Dev: Vite's injected React-refresh preamble and HMR `<style>` tags need `'unsafe-inline'`, and
 * HMR needs the dev server's websocket. `'unsafe-eval'` is never allowed.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServer;
  const devWs = dev ? `ws://${dev.host}` : '';
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', dev ? ["'self'", devWs] : ["'self'"]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to `shell.openExternal`, or null when it must not be opened. Only `http:`,
 * `https:` (with a host and without credentials) and `mailto:` (with an address) pass; the
 * result is the parser's normalised form, so what is opened is exactly what was checked. Raw
 * strings with whitespace or control characters are refused rather than "cleaned".
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  const url = parseUrl(raw);
  if (!url) return null;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
    return url.href;
  }
  if (url.protocol === 'mailto:') {
    return url.pathname.includes('@') ? url.href : null;
  }
  return null;
}

/** What to do with a navigation: let it happen, or stop it and maybe open the URL outside. */
export interface NavigationDecision {
  allow: boolean;
  /** A vetted URL to pass to `shell.openExternal` instead, or null. */
  openExternal: string | null;
}

/**
 * Decide a navigation (`will-navigate`, `will-frame-navigate`, `will-redirect`). The main frame
 * may only move within the app origin; a link to the web or a mail address is stopped and handed
 * to the system browser/mail client instead. Sub-frames are never allowed to navigate (the app has
 * no frames; its CSP forbids them too) and never open anything externally.
 */
export function navigationDecision(raw: unknown, origin: AppOrigin, isMainFrame: boolean): NavigationDecision {
  if (!isMainFrame) return { allow: false, openExternal: null };
  if (isAppUrl(raw, origin)) return { allow: true, openExternal: null };
  return { allow: false, openExternal: safeExternalUrl(raw) };
}

/** The answer `setWindowOpenHandler` needs, plus what to open externally. */
export interface WindowOpenDecision {
  action: 'deny';
  openExternal: string | null;
}

/** `window.open` and `target=_blank` never create a window; web and mail links open outside. */
export function windowOpenDecision(raw: unknown): WindowOpenDecision {
  return { action: 'deny', openExternal: safeExternalUrl(raw) };
}

/** The part of Electron's `WebFrameMain` the IPC check looks at. */
export interface FrameLike {
  readonly url: string;
  /** The parent frame, null for a top-level frame. */
  readonly parent: unknown;
}

/**
 * True when an IPC message may reach the backend: it must come from a live frame (Electron
 * reports `null` for a frame that navigated away or was destroyed), that frame must be a top-level
 * frame, and its URL must be the renderer's own document on the app origin.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, origin: AppOrigin): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isRendererDocumentUrl(frame.url, origin);
}

/**
 * Permission requests and checks (camera, microphone, geolocation, notifications, clipboard
 * reads, MIDI, HID, serial, USB, openExternal, fullscreen, …): all denied. A coding workbench needs
 * none of them, and Electron's default is to grant everything.
 */
export function permissionDecision(_permission: string): false {
  return false;
}
