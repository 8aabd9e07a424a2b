import type { OpArgs, OpName, OpResult, ProjectView } from '../../shared/api.js';
import { createService, type Service } from '../service/service.js';
import { need, usage, type CliOutput } from './io.js';

/** What every command receives: parsed arguments, output, and a lazily opened project. */
export class CliContext {
  readonly service: Service;
  private view: ProjectView | null = null;

  constructor(
    readonly positionals: string[],
    readonly flags: Record<string, string | boolean | string[] | undefined>,
    readonly io: CliOutput,
    appVersion: string,
  ) {
    this.service = createService({ appVersion, transport: 'cli' });
  }

  get json(): boolean {
    return this.flags['json'] === true;
  }

  /** Call an operation and unwrap its result (ending the command on a domain error). */
  async call<K extends OpName>(op: K, args: OpArgs<K>): Promise<OpResult<K>> {
    return need((await this.service.call(op, args)) as never);
  }

  /** The project folder (first positional), required. */
  dir(): string {
    const d = this.positionals[0];
    if (!d) usage('The project folder comes first: casecoder <command> <dir> …');
    return d;
  }

  /**
   * Open the project folder once and return its view. Read commands pass `readOnly`: no lock and no
   * open-time backup, so they never write and work while another process holds the project.
   */
  async project(opts: { readOnly?: boolean } = {}): Promise<ProjectView> {
    if (!this.view) this.view = await this.call('project.open', { dir: this.dir(), ...(opts.readOnly ? { readOnly: true } : {}) });
    return this.view;
  }

  /** A string flag, or undefined. */
  str(name: string): string | undefined {
    const v = this.flags[name];
    return typeof v === 'string' ? v : undefined;
  }

  /** A required string flag. */
  req(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') usage(`--${name} is required`);
    return v;
  }

  /** A required non-negative integer flag. */
  int(name: string): number {
    const raw = this.req(name);
    if (!/^\d+$/.test(raw)) usage(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  }

  /** Print a value: JSON with --json, else the given human text. */
  print(value: unknown, human: string): void {
    this.io.out(this.json ? JSON.stringify(value, null, 2) : human);
  }
}
