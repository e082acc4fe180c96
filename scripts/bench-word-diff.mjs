// `node scripts/bench-word-diff.mjs` (after `npm run compile`): how long toms's word diff takes on long measures,
// the figures quoted in src/diff/sequence.ts. Medians of 5 runs; never fails on a target.
import { diffSequences } from "../lib/diff/sequence.js";
import { markdownOfRuns, tokenize } from "../lib/diff/word-diff.js";

// Deterministic pseudo-random words, so every run measures the same texts.
const words = (count, seed) => {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return `wort${x % 5000}`;
  });
};
const median = (f) => {
  const times = [];
  let result;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: times.sort((a, b) => a - b)[2], result };
};
const marked = (runs) =>
  runs
    .filter((r) => r.type !== "equal")
    .map((r) => `${r.type === "added" ? "+" : "-"}${r.items.join("").trim()}`)
    .filter((s) => s.length > 1);

const base = words(4000, 3);
const edited = [...base];
edited.splice(500, 2, "neu", "eins");
edited.splice(3500, 2, "neu", "zwei");
const cases = [
  ["4,000 words, two 2-word edits far apart", base.join(" "), edited.join(" ")],
  ["4,000 words, one word in 10 changed", base.join(" "), base.map((w, i) => (i % 10 === 0 ? `anders${i}` : w)).join(" ")],
  ["4,000 words, one word in 5 changed", base.join(" "), base.map((w, i) => (i % 5 === 0 ? `anders${i}` : w)).join(" ")],
  ["two unrelated 4,000-word texts", base.join(" "), words(4000, 7).join(" ")],
  [
    "two unrelated 16,000-word texts (the 32 KB text limit)",
    words(16000, 1)
      .map((w) => w.slice(0, 1))
      .join(" "),
    words(16000, 2)
      .map((w) => w.slice(-1))
      .join(" "),
  ],
];
for (const [name, before, after] of cases) {
  // Not wordDiff: it keeps each result, so later runs would measure its cache.
  const { ms, result } = median(() => diffSequences(tokenize(before), tokenize(after)));
  const changes = marked(result);
  const whole = result.length <= 3 && changes.some((c) => c.length > before.length / 2);
  const shown = whole ? "replaced whole" : changes.length <= 8 ? changes.join(" ") : `${changes.length} changed runs`;
  console.log(`${name}: ${ms.toFixed(1)} ms, ${shown}; as Markdown ${median(() => markdownOfRuns(result)).ms.toFixed(1)} ms`);
}
