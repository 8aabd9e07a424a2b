import { ensureCase } from '../../core/documents/add-document.js';
import type { Case } from '../../core/model/types.js';
import { err, ok } from '../../core/model/result.js';
import { requireSession, type HandlerTable } from './context.js';

export const caseHandlers: HandlerTable = {
  'case.create': async (ctx, a) => {
    const s = requireSession(ctx);
    if (!s.ok) return s;
    const names = (a.names ?? []).map((n) => String(n).trim()).filter((n) => n.length > 0);
    if (names.length === 0) return err('invalid', 'A case needs a name');
    const long = names.find((n) => n.length > 200);
    if (long) return err('invalid', `A case name has at most 200 characters: "${long.slice(0, 40)}…"`);
    return s.value.mutate(names.length === 1 ? `Add case ${names[0]}` : `Add ${names.length} cases`, (start) => {
      let data = start;
      const cases: Case[] = [];
      for (const n of names) {
        const r = ensureCase(data, n);
        data = r.data;
        cases.push(r.kase);
      }
      return ok({ data, value: cases });
    });
  },
};
