import type { Extension } from 'micromark-util-types';

/**
 * A list of footnote identifiers with a Set beside it, so `includes` is a lookup instead of a scan.
 * micromark's GFM footnote extension keeps the defined identifiers in `parser.gfmFootnotes` and
 * calls `includes` on it for every reference: with 20,000 footnotes that scan made the import
 * quadratic (seconds per thousand notes). Only `push` and `includes` are used by the extension.
 */
class IndexedList extends Array<string> {
  readonly #seen = new Set<string>();
  /** Identifiers defined outside this parse (shared by every piece, never copied). */
  #known: ReadonlySet<string> = new Set();

  /** This list, seeing `known` as defined too. */
  withKnown(known: ReadonlySet<string>): this {
    this.#known = known;
    return this;
  }

  override push(...items: string[]): number {
    for (const i of items) this.#seen.add(i);
    return super.push(...items);
  }

  override includes(item: string): boolean {
    return this.#seen.has(item) || this.#known.has(item);
  }
}

type Tokenize = (this: { parser: Record<string, unknown> }, ...args: unknown[]) => unknown;

/**
 * The GFM footnote extension with every construct's tokenizer seeding `parser.gfmFootnotes` with
 * an {@link IndexedList} before the extension's own code first reads it. Same parse, linear time.
 * `known`: identifiers (normalised) defined elsewhere, for a source parsed in pieces.
 */
export function indexedFootnotes(extension: Extension, known: ReadonlySet<string> = new Set()): Extension {
  const wrap = (construct: unknown): void => {
    if (Array.isArray(construct)) {
      construct.forEach(wrap);
      return;
    }
    const c = construct as { tokenize?: Tokenize; __indexed?: boolean } | null;
    if (!c || typeof c.tokenize !== 'function' || c.__indexed) return;
    const original = c.tokenize;
    c.tokenize = function (this: { parser: Record<string, unknown> }, ...args: unknown[]) {
      // `Array.species` keeps slices ordinary arrays; the extension never slices this list.
      // The known identifiers are looked up, not copied: a piece of a large file costs its own size.
      if (!this.parser['gfmFootnotes']) this.parser['gfmFootnotes'] = new IndexedList().withKnown(known);
      return original.apply(this, args);
    };
    c.__indexed = true;
  };
  for (const field of Object.values(extension)) {
    if (field && typeof field === 'object') for (const constructs of Object.values(field as Record<string, unknown>)) wrap(constructs);
  }
  return extension;
}
