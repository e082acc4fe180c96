import { diffArrays } from "diff";

/** One run of a sequence diff: items kept, removed from the first sequence, or added in the second. */
export interface Run<T> {
  type: "equal" | "removed" | "added";
  items: T[];
}

/**
 * Bound of the diff's work: Myers' algorithm (jsdiff) takes time (n + m) × d for d edits, so the edits it may look
 * for shrink as the texts grow. Measured on a 2-core machine: two unrelated 4,000-word texts (16,000 tokens with the
 * spaces) give up after ~90 ms; a 4,000-word measure with two 2-word edits far apart takes 0.3 ms.
 */
export const maxWork = 16_000_000;

/** At most this many edits (removed plus added items) are looked for, however short the texts. */
export const maxEdits = 1_000;

/** A safety net only: on a machine many times slower than measured, a diff gives up after this long. */
export const timeoutMs = 2_000;

/**
 * Minimal diff of two sequences (jsdiff's Myers diff, items compared with ===), as runs in order; at a change
 * the removed items come before the added ones. When the middle needs more edits than the work bound allows, it
 * is shown as replaced whole: a diff must stay fast on any input.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], work = maxWork): Run<T>[] {
  // The common start and end cost nothing to find and do not count against the bound.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const runs: Run<T>[] = [];
  const push = (type: Run<T>["type"], items: readonly T[]) => {
    if (items.length === 0) return;
    const last = runs[runs.length - 1];
    if (last?.type === type) last.items.push(...items);
    else runs.push({ type, items: [...items] });
  };
  push("equal", a.slice(0, start));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const size = middleA.length + middleB.length;
  const changes =
    middleA.length === 0 || middleB.length === 0
      ? undefined
      : diffArrays(middleA, middleB, { maxEditLength: Math.min(maxEdits, Math.floor(work / size)), timeout: timeoutMs });
  if (!changes) {
    push("removed", middleA);
    push("added", middleB);
  } else {
    // Additions are held back until the next kept item, so that a replacement reads "removed, then added".
    const pending: T[] = [];
    for (const change of changes) {
      if (change.added) pending.push(...change.value);
      else if (change.removed) push("removed", change.value);
      else {
        push("added", pending.splice(0));
        push("equal", change.value);
      }
    }
    push("added", pending);
  }
  push("equal", a.slice(endA));
  return runs;
}
