/**
 * `sources/<id>.json`: immutable document content, written durably once and never replaced.
 *
 * Writing creates the file exclusively (temp, fsync, hard link or checked rename, directory
 * fsync), so it is on disk before any commit of `casecoder.json` can reference it. Writing the
 * same content again is a no-op; different content under an existing id is refused. Reads are
 * validated (shape, id, text hash) and kept in a small LRU cache.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../core/model/result.js';
import type { SourceContent } from '../../core/model/types.js';
import { isSafeSourceId, validateSourceContent } from '../../core/persistence/validate-source.js';
import { errnoCode, syncDir, writeFileDurably } from './durable-write.js';

/** Folder of content files inside a project folder. */
export const SOURCES_DIR = 'sources';

const CACHE_SIZE = 8;

export class SourceFiles {
  readonly #dir: string;
  readonly #ids: Set<string>;
  readonly #cache = new Map<string, SourceContent>();
  readonly #writing = new Map<string, Promise<Result<void>>>();

  private constructor(
    readonly projectDir: string,
    ids: Set<string>,
  ) {
    this.#dir = join(projectDir, SOURCES_DIR);
    this.#ids = ids;
  }

  /** Index the content files present in `projectDir/sources/` (missing folder = none). */
  static async load(projectDir: string): Promise<SourceFiles> {
    let names: string[] = [];
    try {
      names = await readdir(join(projectDir, SOURCES_DIR));
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
    const ids = new Set<string>();
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      const id = n.slice(0, -5);
      if (isSafeSourceId(id)) ids.add(id);
    }
    return new SourceFiles(projectDir, ids);
  }

  /** True when a content file for `id` exists (as indexed at open, plus those written since). */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  #path(id: string): string {
    return join(this.#dir, `${id}.json`);
  }

  /** Durably create `sources/<id>.json`; see the module comment. Concurrent writes of one id share one attempt. */
  write(content: SourceContent): Promise<Result<void>> {
    const pending = this.#writing.get(content.id);
    if (pending) return pending.then(() => this.write(content));
    const attempt = this.#write(content).finally(() => this.#writing.delete(content.id));
    this.#writing.set(content.id, attempt);
    return attempt;
  }

  async #write(content: SourceContent): Promise<Result<void>> {
    const valid = validateSourceContent(content);
    if (!valid.ok) return err('invalid', `source content: ${valid.error.message}`);
    const { id } = content;
    if (this.#ids.has(id)) return this.#sameAsExisting(content);
    const text = `${JSON.stringify(content)}\n`;
    try {
      const created = await mkdir(this.#dir, { recursive: true });
      if (created) await syncDir(this.projectDir);
      await writeFileDurably(this.#path(id), text, { exclusive: true });
    } catch (e) {
      if (errnoCode(e) === 'EEXIST') {
        this.#ids.add(id);
        return this.#sameAsExisting(content);
      }
      return err('io', `could not write source ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.#ids.add(id);
    this.#remember(content);
    return ok(undefined);
  }

  async #sameAsExisting(content: SourceContent): Promise<Result<void>> {
    const existing = await this.read(content.id);
    if (!existing.ok) return err(existing.error.code, `source ${content.id} already exists and cannot be read: ${existing.error.message}`);
    const same = existing.value.textHash === content.textHash && JSON.stringify(existing.value.doc) === JSON.stringify(content.doc) && existing.value.textVersion === content.textVersion;
    return same ? ok(undefined) : err('conflict', `source ${content.id} already exists with different content; content files are immutable`);
  }

  /** Read and validate `sources/<id>.json`: `not-found` for an unknown or unsafe id, `corrupt` for damage, `io` otherwise. */
  async read(id: string): Promise<Result<SourceContent>> {
    const cached = this.#cache.get(id);
    if (cached) {
      this.#remember(cached);
      return ok(cached);
    }
    if (!isSafeSourceId(id)) return err('not-found', `no source with id ${JSON.stringify(id)}`);
    let text: string;
    try {
      text = await readFile(this.#path(id), 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return err('not-found', `no source file sources/${id}.json`);
      return err('io', `could not read sources/${id}.json: ${e instanceof Error ? e.message : String(e)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return err('corrupt', `sources/${id}.json is damaged: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const valid = validateSourceContent(parsed, id);
    if (!valid.ok) return err('corrupt', `sources/${id}.json is damaged: ${valid.error.message}`);
    this.#ids.add(id);
    this.#remember(valid.value);
    return ok(valid.value);
  }

  #remember(content: SourceContent): void {
    this.#cache.delete(content.id);
    this.#cache.set(content.id, content);
    while (this.#cache.size > CACHE_SIZE) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
  }
}
