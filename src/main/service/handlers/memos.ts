import { setMemo } from '../../../core/memos/memos.js';
import { ok } from '../../../core/model/result.js';
import { withSession, type DomainHandlers } from '../context.js';

/** The memo operations. */
export const memoHandlers: DomainHandlers<'memos'> = {
  'memo.set': withSession(async (session, a, ctx) => {
    const coderId = session.coderId;
    return session.mutate(`Edit ${a.target?.kind ?? ''} memo`, (d) => {
      const r = setMemo(d, a.target, coderId, a.text, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.memo }) : r;
    });
  }),
};
