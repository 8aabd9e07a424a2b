import { describe, expect, it } from 'vitest';
import { guidForId, guidKey, idForGuid, isGuidKey } from '../../../src/core/refi/guid.js';
import { joinCodeNotes, splitCodeNotes } from '../../../src/core/refi/code-description.js';

describe('GUIDs', () => {
  it('compares braced, upper-case and plain forms as one key', () => {
    expect(guidKey(' {AD68FBE7-E1EE-4A82-A279-23CC698C89EB} ')).toBe('ad68fbe7-e1ee-4a82-a279-23cc698c89eb');
    expect(isGuidKey(guidKey('34653336-3766-3235-6466-363134396437'))).toBe(true);
    expect(isGuidKey('nope')).toBe(false);
  });

  it('maps GUIDs to ids and back', () => {
    const g = 'ad68fbe7-e1ee-4a82-a279-23cc698c89eb';
    expect(idForGuid('k', g)).toBe('k_ad68fbe7e1ee4a82a27923cc698c89eb');
    expect(guidForId(idForGuid('k', g))).toBe(g);
    expect(idForGuid('k', 'not-a-guid')).toMatch(/^k_[0-9a-f]{32}$/);
  });

  it('derives stable, schema-shaped GUIDs for ordinary ids', () => {
    const g = guidForId('c_0123abcd');
    expect(g).toBe(guidForId('c_0123abcd'));
    expect(g).not.toBe(guidForId('c_0123abce'));
    expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('code notes in one Description', () => {
  it('round-trip through join and split', () => {
    const notes = { description: 'What changed\nin law', inclusion: 'Enacted', exclusion: '', example: 'The 2015 act' };
    expect(splitCodeNotes(joinCodeNotes(notes))).toEqual(notes);
    expect(splitCodeNotes(joinCodeNotes({ description: '', inclusion: 'only', exclusion: '', example: '' }))).toEqual({ description: '', inclusion: 'only', exclusion: '', example: '' });
    expect(splitCodeNotes('plain')).toEqual({ description: 'plain', inclusion: '', exclusion: '', example: '' });
  });
});

describe('report text', () => {
  it('says which unit was used and lists what was not imported', async () => {
    const { describeRefiReport, describeApplyReport } = await import('../../../src/core/refi/report-text.js');
    const lines = describeRefiReport({
      positions: [
        { documentGuid: 'd', title: 'videos', choice: { unit: 'utf16', crlfAs: 2 }, crlf: true, evidence: 'word-boundaries', fit: 97, total: 97, candidates: [] },
        { documentGuid: 'e', title: 'mac', choice: { unit: 'utf16', crlfAs: 2 }, crlf: false, evidence: 'word-boundaries', fit: 5, total: 5, candidates: [] },
      ],
      attribution: {
        rule: 'Selection first.',
        users: [
          { guid: 'u1', name: 'Ana', codings: 3 },
          { guid: 'u2', name: 'Ben', codings: 0 },
        ],
        differing: 2,
      },
      notImported: [
        { kind: 'picture', guid: 'p', name: 'photo.jpg', reason: 'PictureSource is not supported' },
        { kind: 'set', guid: 's1', name: 'Europe', reason: 'sets are not represented' },
        { kind: 'set', guid: 's2', name: 'Asia', reason: 'sets are not represented' },
      ],
      notes: ['Code "Nodes" is not codable'],
    });
    expect(lines).toEqual([
      'Positions in "videos": UTF-16 code units, a line break (CRLF) counted as 2; confirmed: 97 of 97 selections begin and end on word boundaries.',
      // A text without CRLF says nothing about counting CRLF.
      'Positions in "mac": UTF-16 code units; confirmed: 5 of 5 selections begin and end on word boundaries.',
      'Coders: Ana (3 codings). Selection first.',
      "2 codings named one user on the selection and another on the coding; the selection's user was taken.",
      'Not imported: 1 picture.',
      '  - photo.jpg: PictureSource is not supported',
      'Not imported: 2 sets.',
      '  - Europe: sets are not represented',
      '  - Asia: sets are not represented',
      'Code "Nodes" is not codable',
    ]);
    const zero = { coders: 0, codes: 0, attributeDefs: 0, cases: 0, documents: 0, codings: 0, memos: 0, matrices: 0, ratings: 0 };
    expect(
      describeApplyReport({ added: { ...zero, codes: 2 }, matched: { ...zero, codes: 1 }, skipped: [], notes: [], coderOf: {}, refi: { positions: [], attribution: { rule: '', users: [], differing: 0 }, notImported: [], notes: [] } }),
    ).toBe('codes: 2 added, 1 already present.');
  });
});
