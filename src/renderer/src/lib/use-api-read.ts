import { useEffect, useState } from 'react';
import type { Result } from '../../../core/model/result.js';
import type { OpArgs, OpName, OpResult } from '../../../shared/api.js';
import { useProject } from '../state/project-store.js';
import { api } from './api.js';

/**
 * The answer of a read-only operation, asked again whenever the project's revision moves (any
 * window's change) or the arguments change; `args` null asks nothing. Views read what the API
 * computes instead of recomputing it from the mirror, so a team server's per-viewer filtering
 * (blind coding) applies to them too.
 *
 * While a newer answer is on its way the previous answer for the same arguments stays (no flicker
 * after each rating); an answer for other arguments is never shown.
 */
export function useApiRead<K extends OpName>(op: K, args: OpArgs<K> | null): Result<OpResult<K>> | null {
  const revision = useProject((s) => s.view?.revision ?? 0);
  const key = args === null ? null : `${op} ${JSON.stringify(args)}`;
  const [answer, setAnswer] = useState<{ key: string; result: Result<OpResult<K>> } | null>(null);
  useEffect(() => {
    if (key === null || args === null) return;
    let current = true;
    void api.call(op, args).then((result) => {
      if (current) setAnswer({ key, result });
    });
    return () => {
      current = false;
    };
    // `key` stands for `op` and `args` (their JSON), so a new args object with the same content asks nothing.
  }, [key, revision]);
  return answer !== null && answer.key === key ? answer.result : null;
}
