import { describe, expect, it } from 'vitest';
import { hostAllowed, staticPath, tokenMatches, WEB_CSP } from '../../../src/main/web/security.js';

describe('browser-mode request checks', () => {
  it('accepts only our loopback host and port', () => {
    expect(hostAllowed('127.0.0.1:4100', 4100)).toBe(true);
    expect(hostAllowed('localhost:4100', 4100)).toBe(true);
    expect(hostAllowed('127.0.0.1:4101', 4100)).toBe(false);
    expect(hostAllowed('evil.example:4100', 4100)).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example:4100', 4100)).toBe(false);
    expect(hostAllowed(undefined, 4100)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('ab', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
    expect(tokenMatches(['abc'], 'abc')).toBe(false);
  });

  it('keeps static paths inside the root', () => {
    expect(staticPath('/')).toBe('index.html');
    expect(staticPath('/assets/a.js?x=1')).toBe('assets/a.js');
    expect(staticPath('/../etc/passwd')).toBeNull();
    expect(staticPath('/assets/%2e%2e/%2e%2e/secret')).toBeNull();
    expect(staticPath('/a%00b')).toBeNull();
    expect(staticPath('/a%5c..%5cb')).toBeNull();
    expect(staticPath('/%E0%A4%A')).toBeNull();
  });

  it('has a CSP without inline or remote scripts', () => {
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toMatch(/unsafe-eval|https?:/);
  });
});
