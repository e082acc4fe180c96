import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import { check as checkContent } from "../src/commands/check.js";
import { tempDir } from "./helpers/tmp.js";

// Hostile inputs git cannot hold or should not carry (a 10 MB file, a named pipe, links to absolute
// paths or in a circle), made at test time from the check fixtures' _base content. Each must give
// its diagnostic and nothing else: no exception, no hang (the test timeout is the guard), no memory
// blow-up (files are read at most 256 KB + 1 byte).
const base = path.join(import.meta.dirname, "fixtures/check/_base/content");
const tmp = tempDir("toms-hostile-");
afterAll(tmp.cleanup);

/** A copy of the base content with `change` applied; returns the `toms check` output inside it. */
function checkVariant(name: string, change: (dir: string) => void): string {
  const dir = path.join(tmp.dir, name);
  fs.cpSync(base, dir, { recursive: true });
  change(dir);
  const { diagnostics } = checkContent(dir);
  return formatDiagnostics(diagnostics.sorted(), "text", dir);
}

const useFile = (dir: string, target: string) => {
  const file = path.join(dir, "weitergabe.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("file: prose/verschluesselung.md", `file: ${target}`));
};

describe("hostile files", () => {
  it("refuses a 10 MB section file without reading it all", () => {
    const output = checkVariant("big", (dir) => {
      const line = "  - id: m\n    text: Lorem ipsum dolor sit amet.\n";
      fs.writeFileSync(
        path.join(dir, "gross.yaml"),
        `id: gross\ngroup: integritaet\ntitle: Gross\nmeasures:\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}`,
      );
    });
    expect(output).toBe(
      "gross.yaml:1:1 error The file is larger than 256 KB, the most a content file may have; split it into smaller files. [file-too-large]\n✖ 1 error, 0 warnings\n",
    );
  });

  it("refuses a prose file that is a link to an absolute path outside", () => {
    const output = checkVariant("absolute-link", (dir) => {
      fs.rmSync(path.join(dir, "prose/verschluesselung.md"));
      fs.symlinkSync("/etc/passwd", path.join(dir, "prose/verschluesselung.md"));
    });
    expect(output).toBe(
      'weitergabe.yaml:6:11 error "prose/verschluesselung.md" is a link to a place outside the content folder; toms does not follow it. [file-outside]\n✖ 1 error, 0 warnings\n',
    );
  });

  it("places a NUL byte or an invalid byte after a lone CR on the line an editor shows (fuzz seed -1500408287)", () => {
    const nul = checkVariant("nul-after-cr", (dir) => fs.writeFileSync(path.join(dir, "zutritt.yaml"), "id: zutritt\rtitle: \u0000 Zutritt und mehr"));
    expect(nul).toMatch(/^zutritt\.yaml:2:8 error The file holds NUL bytes/);
    const invalid = checkVariant("invalid-after-cr", (dir) => fs.writeFileSync(path.join(dir, "zutritt.yaml"), Buffer.from([0x61, 0x0d, 0x62, 0xff])));
    expect(invalid).toMatch(/^zutritt\.yaml:2:2 error /);
  });

  it("refuses a section file that is a link to /dev/zero", () => {
    const output = checkVariant("dev-zero", (dir) => fs.symlinkSync("/dev/zero", path.join(dir, "null.yaml")));
    expect(output).toBe(
      "null.yaml:1:1 error This file is a link to a place outside the content folder; toms does not follow it. [file-outside]\n✖ 1 error, 0 warnings\n",
    );
  });

  it("reports links that lead in a circle", () => {
    const output = checkVariant("link-loop", (dir) => {
      fs.symlinkSync("b.yaml", path.join(dir, "a.yaml"));
      fs.symlinkSync("a.yaml", path.join(dir, "b.yaml"));
    });
    expect(output).toBe(
      "a.yaml:1:1 error The file is a link that leads in a circle. [file-unreadable]\nb.yaml:1:1 error The file is a link that leads in a circle. [file-unreadable]\n✖ 2 errors, 0 warnings\n",
    );
  });

  it("reports a prose link to a file that is gone", () => {
    const output = checkVariant("dangling-link", (dir) => {
      fs.symlinkSync("weg.md", path.join(dir, "prose/weg-link.md"));
      useFile(dir, "prose/weg-link.md");
    });
    expect(output).toBe('weitergabe.yaml:6:11 error "prose/weg-link.md" is a link to a file that does not exist. [file-ref]\n✖ 1 error, 0 warnings\n');
  });

  it.skipIf(process.platform === "win32")("does not block on a named pipe used as a prose file", () => {
    const output = checkVariant("fifo", (dir) => {
      execFileSync("mkfifo", [path.join(dir, "prose/pipe.md")]);
      useFile(dir, "prose/pipe.md");
    });
    expect(output).toBe("prose/pipe.md:1:1 error The file is not an ordinary file (perhaps a pipe or a device). [file-unreadable]\n✖ 1 error, 0 warnings\n");
  });
});

describe("hostile YAML and Markdown at the size limit", () => {
  // Each is at most 256 KB (the file limit); each used to take seconds to minutes or overflow the stack.
  const section = (measures: string) => `id: weitergabekontrolle\ngroup: integritaet\ntitle: Weitergabe\nmeasures:\n${measures}`;
  it.each([
    [
      "20 000 fields in one map (the yaml package's duplicate check was quadratic; so was reporting each)",
      "weitergabe.yaml",
      `${Array.from({ length: 20_000 }, (_, i) => `f${i}: 1`).join("\n")}\n`,
      'weitergabe.yaml:1:1 error The section is missing the required fields "id", "title" and "measures".',
    ],
    ["250 KB of [", "weitergabe.yaml", `id: ${"[".repeat(250_000)}`, "weitergabe.yaml:1:205 error The YAML is nested more than 200 levels deep here"],
    ["250 KB of - - -", "weitergabe.yaml", `${"- ".repeat(125_000)}x`, "weitergabe.yaml:1:401 error The YAML is nested more than 200 levels deep here"],
    [
      "a 200 KB measure text",
      "prose/verschluesselung.md",
      "x\n=\n".repeat(50_000),
      "prose/verschluesselung.md:1:1 error This text is 196 KB long; one text may have at most 32 KB.",
    ],
    [
      "10 000 nested quotes",
      "weitergabe.yaml",
      section(`  - id: zitat\n    text: "${"> ".repeat(10_000)}"\n`),
      "weitergabe.yaml:6:12 error The text nests quotes or lists 10000 levels deep here",
    ],
  ])("%s", (_, file, text, first) => {
    const output = checkVariant(`limit-${file}-${text.length}`, (dir) => fs.writeFileSync(path.join(dir, file), text));
    expect(output.split("\n")[0]?.startsWith(first), output.split("\n")[0]).toBe(true);
  });
});

describe("content that would act on a terminal", () => {
  // File names and values reach terminals and workflow logs: an ESC sequence or a bidirectional control in them
  // must come out as its code point, never as the character.
  const hostileName = "prose/\u001b[31mrot\u202e.md";
  const run = (format: "text" | "json" | "github") => {
    const dir = path.join(tmp.dir, `terminal-${format}`);
    fs.cpSync(base, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, hostileName), "Text mit \u001b]0;Titel\u0007 Steuerzeichen.\n");
    useFile(dir, `"${hostileName.replace("\u001b", "\\e").replace("\u202e", "\\u202E")}"`);
    const { diagnostics } = checkContent(dir);
    return { output: formatDiagnostics(diagnostics.sorted(), format, dir), list: diagnostics.sorted() };
  };

  it.each(["text", "json", "github"] as const)("prints no control or bidirectional character in the %s format", (format) => {
    const { output, list } = run(format);
    expect(list.map((d) => d.rule)).toContain("invisible-character");
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    if (format === "text") expect(output).toContain("prose/\\u{1B}[31mrot\\u{202E}.md:1:10 error");
    if (format === "json") expect(JSON.parse(output)[0].file).toBe(hostileName);
  });
});
