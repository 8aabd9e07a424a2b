import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createService, type Service } from '../../src/main/service/service.js';

export { run } from '../main/cli/run-cli.js';

/** A fresh temp folder. */
export function temp(prefix = 'cc-sec-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A private app home for this process (recent projects, coder name). */
export function freshAppHome(): string {
  const home = temp('cc-sec-apphome-');
  process.env['CASECODER_HOME'] = home;
  return home;
}

/** A CLI-transport service with a project in `dir`, one document coded once by "Ana". */
export async function seededProject(dir: string): Promise<Service> {
  const svc = createService({ appVersion: 'test', transport: 'cli' });
  must(await svc.call('project.create', { dir, name: 'Target' }));
  must(await svc.call('coder.use', { name: 'Ana' }));
  const text = 'The minister promised a new law within the year.\n';
  const up = must(await svc.call('import.upload', { files: [{ name: 'island.md', dataBase64: Buffer.from(text).toString('base64') }] })) as {
    value: { files: { documentIds: string[] }[] };
  };
  const docId = up.value.files[0]!.documentIds[0]!;
  const view = must(await svc.call('project.current', {})) as { data: { codebook: { id: string }[] } };
  must(await svc.call('coding.add', { documentId: docId, codeId: view.data.codebook[0]!.id, start: 4, end: 12 }));
  return svc;
}

/** Unwrap an ok result or throw its error. */
export function must(r: { ok: boolean; value?: unknown; error?: { code: string; message: string } }): unknown {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.value;
}

/** The bytes of a file, or null when it does not exist. */
export function bytesOf(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Write a file and return its path. */
export function put(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

/** POST one API call to a browser-mode server as a token holder would. */
export function apiCall(port: number, token: string, op: string, args: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string }; value?: unknown } | string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/api/${op}`, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-casecoder-token': token, 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        let parsed: unknown = body;
        try {
          parsed = JSON.parse(body);
        } catch {
          // plain-text refusals (401, 403)
        }
        resolve({ status: res.statusCode ?? 0, body: parsed as never });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}
