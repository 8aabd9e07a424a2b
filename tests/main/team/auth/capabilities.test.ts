import { describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../../../src/shared/api.js';
import { OPERATION_CAPABILITY, roleMayCall, ROLES_WITH } from '../../../../src/main/team/auth/capabilities.js';

describe('capability table', () => {
  it('names every operation of the contract, and nothing else', () => {
    const missing = API_OPERATIONS.filter((op) => !Object.hasOwn(OPERATION_CAPABILITY, op));
    expect(missing, 'operations without a capability: decide who may call them on the team server').toEqual([]);
    const unknown = Object.keys(OPERATION_CAPABILITY).filter((op) => !(API_OPERATIONS as readonly string[]).includes(op));
    expect(unknown, 'capabilities for operations the contract no longer has').toEqual([]);
  });

  it('refuses an operation nobody classified', () => {
    for (const role of ['owner', 'adjudicator', 'coder', 'viewer'] as const) expect(roleMayCall(role, 'coding.teleport')).toBe(false);
  });

  it('gives a viewer reads only, and nobody the server-local operations', () => {
    for (const op of API_OPERATIONS) {
      const cap = OPERATION_CAPABILITY[op];
      expect(roleMayCall('viewer', op), op).toBe(cap === 'read');
      if (cap === 'local') expect(ROLES_WITH.local).toEqual([]);
    }
  });

  it('leaves consensus to adjudicators and owners, structure to owners', () => {
    expect(roleMayCall('coder', 'adjudication.decide')).toBe(false);
    expect(roleMayCall('adjudicator', 'adjudication.decide')).toBe(true);
    expect(roleMayCall('adjudicator', 'code.delete')).toBe(false);
    expect(roleMayCall('owner', 'code.delete')).toBe(true);
    expect(roleMayCall('coder', 'coding.add')).toBe(true);
  });
});
