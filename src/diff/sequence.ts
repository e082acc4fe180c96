/** One run of a sequence diff: items kept, removed from the first sequence, or added in the second. */
export interface Run<T> {
  type: "equal" | "removed" | "added";
  items: T[];
}

/** Above this many table cells (n × m) the middle is shown as replaced whole: a diff must stay fast on any input. */
export const maxCells = 4_000_000;

/** Longest-common-subsequence diff of two sequences, as runs in order; removals come before additions at a change. */
export function diffSequences<T>(a: readonly T[], b: readonly T[], cells = maxCells): Run<T>[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const runs: Run<T>[] = [];
  const push = (type: Run<T>["type"], item: T) => {
    const last = runs[runs.length - 1];
    if (last?.type === type) last.items.push(item);
    else runs.push({ type, items: [item] });
  };
  for (let i = 0; i < start; i++) push("equal", a[i] as T);
  const n = endA - start;
  const m = endB - start;
  if (n * m > cells) {
    for (let i = start; i < endA; i++) push("removed", a[i] as T);
    for (let j = start; j < endB; j++) push("added", b[j] as T);
  } else {
    // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), filled from the end.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] =
          a[start + i] === b[start + j]
            ? (lengths[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    const pending: T[] = [];
    const flushAdded = () => pending.splice(0).forEach((item) => push("added", item));
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        flushAdded();
        push("equal", a[start + i] as T);
        i++;
        j++;
      } else if (j >= m || (i < n && (lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number))) {
        push("removed", a[start + i] as T);
        i++;
      } else {
        // Held back so that a replacement reads "removed, then added".
        pending.push(b[start + j] as T);
        j++;
      }
    }
    flushAdded();
  }
  for (let i = endA; i < a.length; i++) push("equal", a[i] as T);
  return runs;
}
