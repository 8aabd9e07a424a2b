import { describe, expect, it } from 'vitest';
import { API_OPERATIONS, CONTRACT, OPERATION_DOMAIN, type Domain } from '../../../src/shared/api.js';
import { API_SCHEMAS } from '../../../src/shared/api-schemas.js';
import type { HandlerTable } from '../../../src/main/service/context.js';
import { HANDLERS } from '../../../src/main/service/handlers/index.js';
import { createService } from '../../../src/main/service/service.js';

describe('the contract by domain and its handler table', () => {
  it('declares every operation in exactly one domain', () => {
    const names = Object.values(CONTRACT).flatMap((ops) => Object.keys(ops));
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...API_OPERATIONS].sort());
    for (const [domain, ops] of Object.entries(CONTRACT)) for (const op of Object.keys(ops)) expect(OPERATION_DOMAIN[op as keyof typeof OPERATION_DOMAIN]).toBe(domain as Domain);
  });

  it('checks each operation with the schema declared with it', () => {
    for (const [, ops] of Object.entries(CONTRACT)) for (const [op, decl] of Object.entries(ops)) expect(API_SCHEMAS[op as keyof typeof API_SCHEMAS]).toBe(decl.args);
  });

  it('has a handler for every operation, the imports in two phases', () => {
    for (const op of API_OPERATIONS) expect(HANDLERS[op], op).toBeDefined();
    expect(typeof HANDLERS['import.files']).toBe('object');
    expect(typeof HANDLERS['import.upload']).toBe('object');
    expect(typeof HANDLERS['coding.add']).toBe('function');
  });

  it('refuses at compile time a table that lacks an operation', () => {
    const { 'coding.add': _left, ...rest } = HANDLERS;
    // @ts-expect-error -- 'coding.add' is missing: a HandlerTable must name every operation.
    const incomplete: HandlerTable = rest;
    expect(Object.keys(incomplete)).not.toContain('coding.add');
  });

  it('answers every session operation without a project with one message, changing nothing', async () => {
    const service = createService({ appVersion: 'test', transport: 'cli' });
    const r = await service.call('coding.remove', { id: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'No project is open; open or create one first' } });
    const m = await service.call('matrix.export', { format: 'csv' });
    expect(m.ok ? null : m.error.message).toBe('No project is open; open or create one first');
    await service.close();
  });
});
