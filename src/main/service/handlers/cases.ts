import { ATTRIBUTE_TYPES } from '../../../core/model/project-schema.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { assignDocument, deleteCase, ensureCases, findCase, mergeCases, renameCase } from '../../../core/cases/cases.js';
import { applyAttributeTable, defineAttribute, removeAttribute, renameAttribute, setCaseAttributes } from '../../../core/cases/attributes.js';
import type { Case, ProjectData } from '../../../core/model/types.js';
import { err, ok, type Result } from '../../../core/model/result.js';
import { readAttributeFile, MAX_ATTRIBUTE_FILE_BYTES } from '../../import/attributes.js';
import { withSession, type DomainHandlers } from '../context.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The case `ref` (id or name) of `data`, or a `not-found` error naming it. */
function caseOf(data: ProjectData, ref: unknown): Result<Case> {
  const c = typeof ref === 'string' && ref.trim() ? findCase(data, ref) : undefined;
  return c ? ok(c) : err('not-found', `No case named "${String(ref ?? '')}". Create it first (casecoder case <dir> add NAME).`);
}

/** Read an attribute table from a path or from uploaded bytes written to a private temp file. */
async function readTable(a: { path?: unknown; file?: { name?: unknown; dataBase64?: unknown } }): ReturnType<typeof readAttributeFile> {
  if (typeof a.path === 'string' && a.path) return readAttributeFile(a.path);
  const f = a.file;
  if (!f || typeof f.dataBase64 !== 'string') return err('usage', 'Give an attribute table: a path or an uploaded file');
  const bytes = Buffer.from(f.dataBase64, 'base64');
  if (bytes.length > MAX_ATTRIBUTE_FILE_BYTES) return err('too-large', 'The attribute table is too large.');
  const ext = /\.(csv|tsv|txt|xlsx)$/i.exec(String(f.name ?? ''))?.[0]?.toLowerCase() ?? '';
  if (!ext) return err('unsupported', 'Attribute tables must be .csv or .xlsx files.');
  // Never use the uploaded name as a path: only its checked extension, in a folder of our own.
  const dir = mkdtempSync(join(tmpdir(), 'casecoder-attrs-'));
  try {
    const p = join(dir, `table${ext}`);
    writeFileSync(p, bytes);
    return await readAttributeFile(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cases operations. */
export const caseHandlers: DomainHandlers<'cases'> = {
  'case.create': withSession(async (session, a, ctx) => {
    const names = (Array.isArray(a.names) ? a.names : []).map((n) => String(n).trim()).filter((n) => n.length > 0);
    if (names.length === 0) return err('invalid', 'A case needs a name');
    return session.mutate(names.length === 1 ? `Add case ${names[0]}` : `Add ${names.length} cases`, (data) => {
      const r = ensureCases(data, names, ctx.env);
      return r.ok ? ok({ data: r.value.data, value: r.value.cases }) : r;
    });
  }),

  'case.rename': withSession(async (session, a) => {
    const before = session.data.cases.find((c) => c.id === a.caseId);
    return session.mutate(`Rename case ${before?.name ?? ''} to ${String(a.name ?? '').trim()}`, (data) => {
      const r = renameCase(data, a.caseId, String(a.name ?? ''));
      if (!r.ok) return r;
      const kase = r.value.cases.find((c) => c.id === a.caseId) as Case;
      return ok({ data: r.value, value: kase });
    });
  }),

  'case.merge': withSession(async (session, a) => {
    const names = (id: string): string => session.data.cases.find((c) => c.id === id)?.name ?? id;
    return session.mutate(`Merge case ${names(a.sourceId)} into ${names(a.targetId)}`, (data) => {
      const r = mergeCases(data, a.sourceId, a.targetId);
      return r.ok ? ok({ data: r.value.data, value: r.value.report }) : r;
    });
  }),

  'case.delete': withSession(async (session, a) => {
    const kase = session.data.cases.find((c) => c.id === a.caseId);
    return session.mutate(`Delete case ${kase?.name ?? ''}`, (data) => {
      const r = deleteCase(data, a.caseId, a.mode === 'refuse' ? 'refuse' : 'detach');
      if (!r.ok) return r;
      const { detachedDocuments, removedRatings } = r.value;
      const parts = [`Deleted case ${kase?.name ?? a.caseId}.`];
      parts.push(detachedDocuments > 0 ? `${plural(detachedDocuments, 'document')} kept, now without a case.` : 'It had no documents.');
      if (removedRatings > 0) parts.push(`${plural(removedRatings, 'matrix rating')} of the case removed.`);
      return ok({ data: r.value.data, value: { detachedDocuments, removedRatings, message: parts.join(' ') } });
    });
  }),

  'case.assignDocuments': withSession(async (session, a) => {
    const ids = Array.isArray(a.documentIds) ? a.documentIds.map(String) : [];
    if (ids.length === 0) return err('usage', 'Name at least one document to assign');
    const target = a.caseId === null ? null : session.data.cases.find((c) => c.id === a.caseId);
    if (target === undefined) return err('not-found', `No case with id ${String(a.caseId)}.`);
    const what = ids.length === 1 ? (session.data.documents.find((d) => d.id === ids[0])?.title ?? 'document') : plural(ids.length, 'document');
    return session.mutate(target ? `Assign ${what} to ${target.name}` : `Detach ${what} from its case`, (data) => {
      let d = data;
      let changed = 0;
      for (const id of ids) {
        const r = assignDocument(d, id, target ? target.id : null);
        if (!r.ok) return r;
        if (d.documents.find((x) => x.id === id)?.caseId === (target ? target.id : null)) continue;
        d = r.value;
        changed++;
      }
      return ok({ data: d, value: changed });
    });
  }),

  'case.defineAttribute': withSession(async (session, a) => {
    if (!ATTRIBUTE_TYPES.includes(a.type)) return err('invalid', `An attribute's type is one of ${ATTRIBUTE_TYPES.join(', ')}`);
    return session.mutate(`Define attribute ${String(a.name ?? '').trim()}`, (data) => {
      const r = defineAttribute(data, String(a.name ?? ''), a.type);
      if (!r.ok) return r;
      const def = r.value.attributeDefs.find((d) => d.name.toLowerCase() === String(a.name).trim().toLowerCase());
      return ok({ data: r.value, value: def ?? { name: String(a.name).trim(), type: a.type } });
    });
  }),

  'case.renameAttribute': withSession(async (session, a) => {
    return session.mutate(`Rename attribute ${String(a.name)} to ${String(a.newName ?? '').trim()}`, (data) => {
      const r = renameAttribute(data, String(a.name ?? ''), String(a.newName ?? ''));
      return r.ok ? ok({ data: r.value.data, value: r.value.def }) : r;
    });
  }),

  'case.removeAttribute': withSession(async (session, a) => {
    return session.mutate(`Remove attribute ${String(a.name)}`, (data) => {
      const r = removeAttribute(data, String(a.name ?? ''));
      return r.ok ? ok({ data: r.value.data, value: r.value.clearedValues }) : r;
    });
  }),

  'case.setAttributes': withSession(async (session, a) => {
    const values = a.values && typeof a.values === 'object' && !Array.isArray(a.values) ? a.values : {};
    if (Object.keys(values).length === 0) return err('usage', 'Give at least one attribute value (KEY=VALUE)');
    const kase = caseOf(session.data, a.caseName);
    if (!kase.ok) return kase;
    const keys = Object.keys(values);
    return session.mutate(`Set ${keys.length === 1 ? keys[0] : plural(keys.length, 'attribute')} of ${kase.value.name}`, (data) => {
      const r = setCaseAttributes(data, kase.value.id, values);
      if (!r.ok) return err(r.error.code, `${kase.value.name}: ${r.error.message}`);
      return ok({ data: r.value, value: r.value.cases.find((c) => c.id === kase.value.id) as Case });
    });
  }),

  'case.importAttributes': withSession(async (session, a) => {
    const rows = await readTable(a as { path?: unknown; file?: { name?: unknown; dataBase64?: unknown } });
    if (!rows.ok) return rows;
    if (rows.value.length === 0) return err('invalid', 'The attribute table has a header but no rows.');
    const label = 'path' in a && typeof a.path === 'string' ? basename(a.path) : 'file' in a ? String(a.file.name) : 'table';
    return session.mutate(`Import attributes from ${label}`, (data) => {
      const r = applyAttributeTable(data, rows.value);
      return r.ok ? ok({ data: r.value.data, value: r.value.report }) : r;
    });
  }),
};
