/**
 * Reads of a blind viewer run over the project as that viewer may see it. The service's read
 * handlers (Passages, co-occurrences, counts, frequencies, agreement, exports) compute over their
 * session's project; for a viewer from whom something is hidden the server gives them a second,
 * read-only session over `filterProject(viewer, project)`, so every figure and file they receive
 * is computed from their own work (and whatever comparison opened), never from others' layers.
 * Naming another coder is still refused before this (`mayCall`: 403).
 */
import { err, ok, type Result } from '../../core/model/result.js';
import type { ProjectData, SourceContent } from '../../core/model/types.js';
import type { ChangeSet } from '../../core/ops/change-set.js';
import { IndexedProject } from '../../core/ops/indexed-project.js';
import { createService, type Service } from '../service/service.js';
import { desktopPolicy } from '../service/path-policy.js';
import { ProjectSession } from '../service/session.js';
import type { CommitRequest, ProjectStore } from '../store/project-store.js';
import type { PgProjectStore, SessionStoreMembers } from './pg-store.js';

/** A read-only store holding a filtered copy of a project; texts come from the real store. */
class FilteredStore implements SessionStoreMembers {
  readonly readOnly = true;
  readonly readOnlyReason = 'reads of a blind coder run over their own view of the project';
  #data: ProjectData;
  #state: IndexedProject;
  #revision: number;

  constructor(
    private readonly base: PgProjectStore,
    data: ProjectData,
  ) {
    this.#data = data;
    this.#state = IndexedProject.from(data);
    this.#revision = base.revision;
  }

  get dir(): string {
    return this.base.dir;
  }

  get data(): ProjectData {
    return this.#data;
  }

  get state(): IndexedProject {
    return this.#state;
  }

  get revision(): number {
    return this.#revision;
  }

  /** Hold `data` (the filtered project at the base store's revision) from now on. */
  reset(data: ProjectData): void {
    this.#data = data;
    this.#state = IndexedProject.from(data);
    this.#revision = this.base.revision;
  }

  commitChanges(_req: CommitRequest): Promise<Result<{ revision: number; inverse: ChangeSet }>> {
    return Promise.resolve(err('read-only', 'A read changed nothing: this request was run as a read.'));
  }

  writeSource(_content: SourceContent): Promise<Result<void>> {
    return Promise.resolve(err('read-only', 'A read stores no document text.'));
  }

  readSource(id: string): Promise<Result<SourceContent>> {
    return this.base.readSource(id);
  }

  hasSource(id: string): boolean {
    return this.base.hasSource(id);
  }

  backup(): Promise<Result<string>> {
    return Promise.resolve(ok('nothing (a read-only view)'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** One user's service over their filtered view of one project (built on first use). */
export class FilteredReads {
  #store: FilteredStore | null = null;
  #service: Service | null = null;
  #source: { data: ProjectData; filtered: string } | null = null;

  constructor(
    private readonly base: PgProjectStore,
    private readonly coderId: string | null,
    private readonly appVersion: string,
  ) {}

  /**
   * The service to run a read on, over `filtered` (the viewer's view of the base store's current
   * project). The copy is rebuilt only when the project or what the viewer may see changed.
   */
  serviceOver(filtered: ProjectData): Service {
    // What the viewer sees is determined by the base project and the visible items' ids.
    const key = `${filtered.coders.length}:${filtered.codings.length}:${filtered.ratings.length}:${filtered.memos.length}`;
    if (!this.#store || !this.#service) {
      this.#store = new FilteredStore(this.base, filtered);
      this.#service = createService({ appVersion: this.appVersion, transport: 'team', paths: desktopPolicy() });
      const session = new ProjectSession(this.#store as unknown as ProjectStore, []);
      session.coderId = this.coderId;
      this.#service.context.session = session;
    } else if (this.#source?.data !== this.base.data || this.#source.filtered !== key) {
      this.#store.reset(filtered);
    }
    this.#source = { data: this.base.data, filtered: key };
    return this.#service;
  }
}
