/**
 * Server-sent events of the team server: one stream per client, each event one revision of the
 * project (`id:` = revision), read from the change log and filtered through the visibility
 * rules of that stream's viewer. A change set the viewer may not see is not sent at all (not even
 * as an empty patch: its timing would tell a blind coder when others work). The stream's chain
 * stays whole without it: each event's patch starts (`base`) at the revision of the event this
 * stream sent before, so the revisions a viewer may not see are folded into the next one they
 * may see, and the client's sequencer finds no gap. Streams hold no database connection while idle.
 */
import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { ProjectData } from '../../core/model/types.js';
import { emptyChangeSet } from '../../core/ops/change-set.js';
import type { ApiEvent, ProjectPatch } from '../../shared/api.js';
import type { TeamAuth, Viewer } from './auth-contract.js';
import { changesSince, removedItemsBefore, type ChangeRow } from './project-rows.js';
import { teamDir } from './pg-store.js';
import type { UserSessions } from './user-sessions.js';

/** A client further behind than this reloads the project view instead of replaying. */
export const MAX_REPLAY = 2000;

/** Comment heartbeat, well under proxies' read timeouts (nginx: 60 s). */
const HEARTBEAT_MS = 15_000;

interface Stream {
  viewer: Viewer;
  projectId: string;
  /** The revision this stream has read the change log up to. */
  last: number;
  /** The revision of the last event sent (the client's chain ends there); ≤ `last`. */
  sent: number;
  res: ServerResponse;
}

/** The open event streams of a server process. */
export class EventStreams {
  #streams = new Set<Stream>();
  #pumping = new Map<string, Promise<void>>();
  #again = new Set<string>();
  #heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly auth: TeamAuth,
    private readonly sessions: UserSessions,
  ) {
    this.#heartbeat = setInterval(() => {
      for (const s of this.#streams) s.res.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Open a stream for `viewer` on `projectId`, replaying from revision `since`. */
  open(res: ServerResponse, viewer: Viewer, projectId: string, since: number): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    // A byte before the first event: proxies and clients see the stream is alive.
    res.write('retry: 1000\n: connected\n\n');
    const stream: Stream = { viewer, projectId, last: since, sent: since, res };
    this.#streams.add(stream);
    res.on('close', () => this.#streams.delete(stream));
    this.changed(projectId);
  }

  /** A change set was committed on `projectId` (null: re-read every watched project). */
  changed(projectId: string | null): void {
    const projects = projectId ? [projectId] : [...new Set([...this.#streams].map((s) => s.projectId))];
    for (const p of projects) void this.#pump(p);
  }

  /**
   * Tell every stream (of `projectId`, when given) to reload its project view: after comparison
   * opened, blind viewers may see more than any change set carries (others' earlier work on the
   * documents now open).
   */
  reloadAll(projectId?: string): void {
    for (const s of this.#streams) if (projectId === undefined || s.projectId === projectId) this.#write(s, -1, { type: 'project', dir: teamDir(s.projectId), author: { client: null, coderId: null } });
  }

  /** Streams open now. */
  get size(): number {
    return this.#streams.size;
  }

  /** Pump one project at a time; a change during a pump pumps again afterwards. */
  #pump(projectId: string): Promise<void> {
    const running = this.#pumping.get(projectId);
    if (running) {
      this.#again.add(projectId);
      return running;
    }
    const p = this.#pumpOnce(projectId)
      .catch(() => undefined) // the database is away: the listener's reconnect or the poll pumps again
      .finally(() => {
        this.#pumping.delete(projectId);
        if (this.#again.delete(projectId)) void this.#pump(projectId);
      });
    this.#pumping.set(projectId, p);
    return p;
  }

  async #pumpOnce(projectId: string): Promise<void> {
    for (;;) {
      const streams = [...this.#streams].filter((s) => s.projectId === projectId);
      if (streams.length === 0) return;
      const from = Math.min(...streams.map((s) => s.last));
      const rows = await changesSince(this.pool, projectId, from, 500);
      if (rows.length === 0) return;
      const head = (rows.at(-1) as ChangeRow).rev;
      for (const s of streams) {
        if (head - s.last > MAX_REPLAY) {
          // Too far behind to replay: the client reloads the project view (the head's state).
          this.#write(s, -1, { type: 'project', dir: teamDir(projectId), author: { client: null, coderId: null } });
          s.last = Number((await this.pool.query<{ head_rev: string }>('SELECT head_rev FROM projects WHERE id = $1', [projectId])).rows[0]?.head_rev ?? head);
          s.sent = s.last;
        }
      }
      const sessions = await this.sessions.onProject(projectId);
      for (const row of rows) {
        // What a removal removed, so a blind viewer is not told even the ids of others' removed items.
        const before = streams.some((s) => row.rev > s.last) ? await removedItemsBefore(this.pool, projectId, row) : null;
        for (const s of streams) {
          if (row.rev <= s.last || !this.#streams.has(s)) continue;
          const e = this.#event(s, row, sessions, before);
          if (e) {
            this.#write(s, row.rev, e);
            s.sent = row.rev;
          }
          s.last = row.rev;
        }
      }
      if (rows.length < 500) return;
    }
  }

  /** The event of `row` for stream `s`, or null when the stream's viewer may see none of it. */
  #event(s: Stream, row: ChangeRow, sessions: Awaited<ReturnType<UserSessions['onProject']>>, before: ProjectData | null): ApiEvent | null {
    const visible = this.auth.filterChangeSet(s.viewer, row.changes, before ?? undefined);
    const mine = row.author !== null && row.author === s.viewer.userId;
    if (!visible && !mine) return null;
    const own = mine ? sessions.find((u) => u.viewer.userId === s.viewer.userId)?.session.view() : undefined;
    const patch: ProjectPatch = {
      revision: row.rev,
      // From the last event this stream sent: revisions hidden from the viewer in between fold in here.
      base: s.sent,
      ...(s.sent < row.rev - 1 ? { folded: true as const } : {}),
      changes: visible ?? emptyChangeSet(),
      canUndo: own?.canUndo ?? false,
      canRedo: own?.canRedo ?? false,
      undoLabel: own?.undoLabel ?? null,
      redoLabel: own?.redoLabel ?? null,
    };
    const author = visible ? { client: row.client, coderId: row.coderId } : { client: null, coderId: null };
    return { type: 'patch', dir: teamDir(s.projectId), patch, author };
  }

  #write(s: Stream, rev: number, e: ApiEvent): void {
    s.res.write(`${rev >= 0 ? `id: ${rev}\n` : ''}data: ${JSON.stringify(e)}\n\n`);
  }

  /** End every stream. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const s of this.#streams) s.res.end();
    this.#streams.clear();
  }
}
