import type { PmNodeJson } from '../model/types.js';

/**
 * Collects footnote definitions and references while a document is walked, so that references
 * become `footnote_ref` nodes and definitions a `footnotes` section at the end, whatever order
 * the source gives them in. Keys identify a note in the source (e.g. `f:3` for footnote 3, `e:3`
 * for endnote 3); labels are what the reader shows. Map-based: no key can collide with an
 * object prototype property.
 */
export interface FootnoteRegistry {
  /** Record a definition; a second definition for the same key is ignored (first wins). */
  define(key: string, label: string, blocks: PmNodeJson[]): void;
  /** A `footnote_ref` node for the key, remembering reference order. */
  reference(key: string, label: string): PmNodeJson;
  /** Definitions in first-reference order, then unreferenced ones in definition order. */
  ordered(): { key: string; label: string; blocks: PmNodeJson[] | undefined; referenced: boolean }[];
}

/** A new, empty registry. */
export function newFootnoteRegistry(): FootnoteRegistry {
  const defs = new Map<string, PmNodeJson[]>();
  const labels = new Map<string, string>();
  const usedLabels = new Set<string>();
  const refOrder: string[] = [];
  const referenced = new Set<string>();
  const defOrder: string[] = [];
  const labelFor = (key: string, wanted: string): string => {
    const known = labels.get(key);
    if (known !== undefined) return known;
    let label = wanted.trim() || String(labels.size + 1);
    // Endnote 1 and footnote 1 in one document must stay distinguishable.
    for (let i = 2; usedLabels.has(label); i++) label = `${wanted}-${i}`;
    labels.set(key, label);
    usedLabels.add(label);
    return label;
  };
  return {
    define(key, label, blocks) {
      if (defs.has(key)) return;
      labelFor(key, label);
      defs.set(key, blocks);
      defOrder.push(key);
    },
    reference(key, label) {
      const l = labelFor(key, label);
      if (!referenced.has(key)) {
        referenced.add(key);
        refOrder.push(key);
      }
      return { type: 'footnote_ref', attrs: { label: l } };
    },
    ordered() {
      const keys = [...refOrder, ...defOrder.filter((k) => !referenced.has(k))];
      return keys.map((key) => ({ key, label: labels.get(key) ?? key, blocks: defs.get(key), referenced: referenced.has(key) }));
    },
  };
}

/**
 * The `footnotes` block for everything registered, or null when there are no definitions.
 * References without a definition are reported in `warnings` (the reference stays visible).
 */
export function footnotesSection(notes: FootnoteRegistry, warnings: string[]): PmNodeJson | null {
  const items: PmNodeJson[] = [];
  const missing: string[] = [];
  for (const n of notes.ordered()) {
    if (!n.blocks) {
      missing.push(n.label);
      continue;
    }
    items.push({ type: 'footnote', attrs: { label: n.label }, content: n.blocks.length > 0 ? n.blocks : [{ type: 'paragraph' }] });
  }
  if (missing.length > 0) warnings.push(`${missing.length} footnote reference(s) without a definition: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  return items.length > 0 ? { type: 'footnotes', content: items } : null;
}
