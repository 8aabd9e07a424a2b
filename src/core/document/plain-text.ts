import type { PmNodeJson } from '../model/types.js';
import { paragraphRanges } from './paragraphs.js';

/**
 * Build a document whose canonical text equals `text` exactly (after CRLF/CR → LF):
 * the text is cut into paragraphs at every `\n\n`, and each remaining `\n` becomes a hard break.
 * This is the faithful mapping used where offsets from elsewhere (REFI-QDA, CLI scripts) must keep
 * their meaning; the friendlier plain-text importer may reflow instead.
 */
export function faithfulTextToDoc(text: string): PmNodeJson {
  const norm = normalizeNewlines(text);
  const blocks = paragraphRanges(norm, { keepEmpty: true }).map(([start, end]) => norm.slice(start, end));
  return {
    type: 'doc',
    content: blocks.map((block) => ({ type: 'paragraph', content: inlineWithBreaks(block) })),
  };
}

/** CRLF and lone CR become LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Inline content for a block of text: text runs with hard breaks at `\n`. Empty runs are omitted. */
export function inlineWithBreaks(block: string): PmNodeJson[] {
  const out: PmNodeJson[] = [];
  block.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'hard_break' });
    if (line) out.push({ type: 'text', text: line });
  });
  return out;
}
