/**
 * Live updates of the team server. One dedicated connection LISTENs on the change channel,
 * whose payload is only `{project, rev}`; the durable change log is the truth. The connection is
 * re-established with back-off after any failure (pg does not reconnect), and after every
 * (re)LISTEN — plus a slow poll as a safety net — every watched project is re-read from the log,
 * so a notification lost while disconnected costs latency, never an event.
 */
import pg from 'pg';
import { CHANGES_CHANNEL } from './project-rows.js';

/** Calls `onChange(project, rev)` for committed change sets; `rev` 0 means "re-read" (after a reconnect). */
export class ChangeListener {
  #client: pg.Client | null = null;
  #closed = false;
  #delay = 250;
  #poll: ReturnType<typeof setInterval>;

  constructor(
    private readonly url: string,
    private readonly onChange: (project: string | null, rev: number) => void,
    pollMs = 2000,
  ) {
    this.#poll = setInterval(() => this.onChange(null, 0), pollMs);
    this.#poll.unref();
  }

  /** Connect and LISTEN; resolves once listening (or after the first failure, which retries). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5000 });
    const lost = (): void => {
      if (this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => undefined);
      this.#retry();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      try {
        const p = JSON.parse(n.payload ?? '') as { project?: unknown; rev?: unknown };
        if (typeof p.project === 'string' && typeof p.rev === 'number') this.onChange(p.project, p.rev);
      } catch {
        // Not ours: ignore.
      }
    });
    this.#client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.#delay = 250;
      // Anything committed while we were not listening is in the log: re-read it.
      this.onChange(null, 0);
    } catch {
      lost();
    }
  }

  #retry(): void {
    if (this.#closed) return;
    const wait = this.#delay;
    this.#delay = Math.min(this.#delay * 2, 5000);
    setTimeout(() => void this.#connect(), wait).unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    const c = this.#client;
    this.#client = null;
    await c?.end().catch(() => undefined);
  }
}
