import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance } from "../src/util/suggest.js";

const d = (a: string, b: string) => editDistance([...a], [...b]);

describe("editDistance (optimal string alignment)", () => {
  it.each([
    ["berlin", "berlin", 0],
    ["berlinn", "berlin", 1],
    ["chekc", "check", 1],
    ["titel", "title", 1],
    ["paris", "berlin", 4],
    // Optimal string alignment edits no substring twice: "ca" → "abc" is 3 (2 for unrestricted Damerau).
    ["ca", "abc", 3],
    ["", "aws", 3],
    // The old shortcut answered 4 (the difference in length) for names more than 3 letters apart in length.
    ["passwortrichtlinie", "trennung-netzwerkzonen", 20],
  ])("%s → %s: %i", (a, b, expected) => {
    expect(d(a, b)).toBe(expected);
    expect(d(b, a)).toBe(expected);
  });
});

describe("closest: near misses are suggested", () => {
  it.each([
    ["berlinn", ["berlin", "aws"], "berlin"],
    ["Berlin", ["berlin", "aws"], "berlin"],
    ["zutritt-rx", ["zutritt-rz", "zutritt-aws"], "zutritt-rz"],
    ["chekc", ["check", "build", "diff", "record"], "check"],
    ["fromat", ["content", "format", "help"], "format"],
    ["organization", ["organisation", "title"], "organisation"],
    ["prose/verschluesselng.md", ["prose/verschluesselung.md"], "prose/verschluesselung.md"],
    ["vertraulichkeitt", ["vertraulichkeit", "integritaet"], "vertraulichkeit"],
  ])("%s → %s", (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});

describe("closest: far misses get no suggestion", () => {
  it.each([
    ["passwortrichtlinie", ["verschluesselung", "zutritt-rz", "zutritt-aws", "trennung-netzwerkzonen"]],
    ["paris", ["berlin", "aws"]],
    ["frankfurt", ["berlin", "aws"]],
    ["beschreibung", ["id", "title", "locations", "text", "file", "ref"]],
    ["ab", ["aws", "xy"]],
    ["x", ["y"]],
    ["", ["a"]],
    ["a".repeat(300), ["a".repeat(299)]],
  ])("%s", (word, candidates) => {
    expect(closest(word, candidates)).toBeUndefined();
  });

  it("allows one edit per three letters of the word, no more", () => {
    expect(closest("abcdef", ["abcxyf"])).toBe("abcxyf");
    expect(closest("abcdef", ["abxyzf"])).toBeUndefined();
  });

  it("takes the nearest, and of equals the first", () => {
    expect(closest("berlinn", ["berlin-rz", "berlin"])).toBe("berlin");
    expect(closest("berlinx", ["berlin-x", "berlinn"])).toBe("berlin-x");
  });
});

describe("didYouMean", () => {
  it("says it, or nothing", () => {
    expect(didYouMean("berlinn", ["berlin"])).toBe(' (did you mean "berlin"?)');
    expect(didYouMean("paris", ["berlin"])).toBe("");
  });
});
