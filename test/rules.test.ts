import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Rule, rules } from "../src/diagnostics/rules.js";
import { say } from "../src/diagnostics/say.js";

// The rule catalogue is what the rules reference is made from: each rule needs its words, and an example that shows
// it — a check fixture whose output has the rule, or, where no fixture can (other commands report it, or its input
// cannot live in git), the test that produces it.
const repo = path.join(import.meta.dirname, "..");
const fixtures = path.join(import.meta.dirname, "fixtures/check");
const catalogue = Object.entries(rules as Record<string, Rule>);
const cases = fs.readdirSync(fixtures).filter((c) => fs.existsSync(path.join(fixtures, c, "expected.txt")));
const outputs = new Map(cases.map((c) => [c, fs.readFileSync(path.join(fixtures, c, "expected.txt"), "utf8")]));

describe("the rule catalogue", () => {
  it.each(catalogue)("%s has a title, a why, a hint and messages", (_, rule) => {
    expect(rule.title).toMatch(/^[A-Z][^.]{3,50}$/);
    expect(rule.why).toMatch(/^.{30,400}[.)]$/);
    expect(rule.hint).toMatch(/^.{10,}[.)]$/);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
  });

  it.each(catalogue)("%s has an example", (id, rule) => {
    if (typeof rule.fixture === "string") {
      expect(outputs.get(rule.fixture), `test/fixtures/check/${rule.fixture}/expected.txt`).toContain(`[${id}]`);
    } else {
      // An exception names the test that produces the rule, and is one only while no fixture shows the rule.
      expect(rule.fixture.reason.length).toBeGreaterThan(10);
      expect(fs.readFileSync(path.join(repo, rule.fixture.test), "utf8")).toContain(id);
      expect([...outputs].filter(([, output]) => output.includes(`[${id}]`)).map(([name]) => name)).toEqual([]);
    }
  });

  it("knows every rule a check fixture shows", () => {
    const shown = new Set([...outputs.values()].flatMap((output) => [...output.matchAll(/ \[([a-z0-9-]+)\]$/gm)].map((m) => m[1] as string)));
    expect(shown.size).toBeGreaterThan(30);
    expect([...shown].filter((id) => !Object.hasOwn(rules, id))).toEqual([]);
  });

  it("makes a message with its rule from a template and its values", () => {
    expect(say["location-ref"].unknown({ id: "berlinn", suggestion: "berlin" })).toEqual({
      rule: "location-ref",
      message: 'Unknown location "berlinn" (did you mean "berlin"?).',
    });
    expect(say["file-unreadable"].linkLoop()).toEqual({ rule: "file-unreadable", message: "The file is a link that leads in a circle." });
  });

  // Diagnostics.add takes only a Said, which only say.ts makes (the type checker sees to that); a cast would get around it.
  it("is the only place messages are made: no source file outside src/diagnostics/ forges one", () => {
    const sources = (fs.readdirSync(path.join(repo, "src"), { recursive: true }) as string[]).filter(
      (f) => f.endsWith(".ts") && !f.startsWith(`diagnostics${path.sep}`),
    );
    expect(sources.length).toBeGreaterThan(50);
    const forged = sources.filter((f) => /as (unknown as )?Said\b/.test(fs.readFileSync(path.join(repo, "src", f), "utf8")));
    expect(forged).toEqual([]);
  });
});
