import type { CoreEnv } from '../../core/model/ids.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, ProjectData } from '../../core/model/types.js';
import { codebookFromTemplate } from '../../core/codebook/template.js';
import { createProject } from '../../core/model/project.js';
import { err, ok, type Result } from '../../core/model/result.js';
import { resourcesDir } from '../app/paths.js';

/** The default scorecard-diplomacy codebook shipped in resources/codebooks. */
export function defaultCodebook(): Result<Code[]> {
  try {
    const raw: unknown = JSON.parse(readFileSync(join(resourcesDir(), 'codebooks', 'scorecard-diplomacy.json'), 'utf8'));
    return codebookFromTemplate(raw);
  } catch (e) {
    return err('io', `Cannot read the default codebook: ${(e as Error).message}`);
  }
}

/** A new project with the default codebook. */
export function newProjectData(name: string, env: CoreEnv): Result<ProjectData> {
  const codes = defaultCodebook();
  if (!codes.ok) return codes;
  return ok(createProject(name, codes.value, env));
}
