import type { Code, Coder, ProjectData } from './types.js';
import { SCHEMA_VERSION } from './types.js';
import type { CoreEnv } from './ids.js';

/** A new, empty project with the given codebook and no coders, cases or documents. */
export function createProject(name: string, codebook: Code[], env: CoreEnv): ProjectData {
  return {
    format: 'casecoder',
    schemaVersion: SCHEMA_VERSION,
    project: { id: env.newId('p_'), name, created: env.now(), codebookVersion: 1 },
    coders: [],
    codebook,
    attributeDefs: [],
    cases: [],
    documents: [],
    codings: [],
    matrices: [],
    ratings: [],
    memos: [],
  };
}

/** Find a coder by name (case-insensitive) or id. */
export function findCoder(data: ProjectData, ref: string): Coder | undefined {
  const want = ref.trim().toLowerCase();
  return data.coders.find((c) => c.id === ref || c.name.toLowerCase() === want);
}

/**
 * Return the project with a coder of that name, adding one if needed (names are unique,
 * case-insensitive). Returns the same object when the coder already exists.
 */
export function ensureCoder(data: ProjectData, name: string, env: CoreEnv, flags: Partial<Pick<Coder, 'consensus' | 'auto'>> = {}): { data: ProjectData; coder: Coder } {
  const existing = findCoder(data, name);
  if (existing) return { data, coder: existing };
  const coder: Coder = { id: env.newId('u_'), name: name.trim(), ...flags };
  return { data: { ...data, coders: [...data.coders, coder] }, coder };
}
