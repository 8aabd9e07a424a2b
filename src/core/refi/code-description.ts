/**
 * REFI-QDA codes carry one `Description`; Casecoder codes carry a description plus inclusion,
 * exclusion and example notes. On export the extra notes are appended under bracketed labels; on
 * import from a Casecoder-made file they are split off again, so the codebook round-trips intact.
 * Files from other producers keep their whole description.
 */

const LABELS = [
  ['inclusion', 'Inclusion'],
  ['exclusion', 'Exclusion'],
  ['example', 'Example'],
] as const;

export interface CodeNotes {
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
}

/** One REFI `Description` holding all four notes (empty notes are left out). */
export function joinCodeNotes(n: CodeNotes): string {
  let out = n.description;
  for (const [key, label] of LABELS) if (n[key]) out += `${out ? '\n\n' : ''}[${label}] ${n[key]}`;
  return out;
}

/** Split a Casecoder-made `Description` back into its notes (inverse of {@link joinCodeNotes}). */
export function splitCodeNotes(text: string): CodeNotes {
  const out: CodeNotes = { description: text, inclusion: '', exclusion: '', example: '' };
  const re = /(?:^|\n\n)\[(Inclusion|Exclusion|Example)\] /g;
  const marks = [...text.matchAll(re)];
  if (marks.length === 0) return out;
  out.description = text.slice(0, marks[0]?.index ?? 0);
  marks.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = marks[i + 1]?.index ?? text.length;
    const key = LABELS.find(([, label]) => label === m[1])?.[0];
    if (key) out[key] = text.slice(from, to);
  });
  return out;
}
