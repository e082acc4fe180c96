// Longer words get no suggestion: nobody mistypes 200 letters, and the distance costs length × length.
const maxWordLength = 200;

/**
 * Finds the candidate closest to a misspelt word, for "did you mean …" hints; undefined when none is close.
 * Close means at most one edit per three letters of the word (at least one), and fewer edits than the shorter
 * word has letters: "berlinn" → "berlin", "chekc" → "check", but "paris" ↛ "berlin" and "ab" ↛ "xy". Case is ignored.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = [...word.toLowerCase()];
  if (lower.length === 0 || lower.length > maxWordLength) return undefined;
  const limit = Math.max(1, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const other = [...candidate.toLowerCase()];
    // The length difference is a lower bound of the distance: far longer or shorter names are not even compared.
    if (Math.abs(other.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, other);
    if (d < bestDistance && d < Math.min(lower.length, other.length)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " (did you mean "x"?)" or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

/**
 * The optimal string alignment distance of two words (as arrays of characters): insertions, deletions,
 * substitutions and swaps of neighbours count one each. Written here rather than taken from a Levenshtein
 * package (leven, fastest-levenshtein) because those count a swap as two edits, and swapped letters are the
 * commonest typo: with them "chekc" is two edits from "check", over the limit of a five-letter word.
 */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}
