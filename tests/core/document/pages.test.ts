import { describe, expect, it } from 'vitest';
import { pageAt } from '../../../src/core/document/pages.js';

describe('pageAt', () => {
  it('finds the page a passage starts on by binary search', () => {
    const pages = [
      { page: 3, offset: 0 },
      { page: 4, offset: 100 },
      { page: 5, offset: 250 },
    ];
    expect(pageAt(pages, 0)).toBe(3);
    expect(pageAt(pages, 99)).toBe(3);
    expect(pageAt(pages, 100)).toBe(4);
    expect(pageAt(pages, 10_000)).toBe(5);
    expect(
      pageAt(
        [
          { page: 3, offset: 0 },
          { page: 4, offset: 100 },
        ],
        99,
      ),
    ).toBe(3);
    expect(
      pageAt(
        [
          { page: 3, offset: 0 },
          { page: 4, offset: 100 },
        ],
        100,
      ),
    ).toBe(4);
  });

  it('is null without pages, and the first page before every start', () => {
    expect(pageAt(undefined, 5)).toBeNull();
    expect(pageAt([], 5)).toBeNull();
    expect(pageAt([{ page: 7, offset: 40 }], 3)).toBe(7);
  });
});
