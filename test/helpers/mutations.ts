import path from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import type { MemoryFiles } from "./memory-fs.js";

/** One random change to a content folder, as plain data (so fast-check can print and shrink it). */
export type Mutation =
  | { kind: "insert"; file: number; at: number; text: string }
  | { kind: "bytes"; file: number; at: number; bytes: number[] }
  | { kind: "delete"; file: number; at: number; length: number }
  | { kind: "line"; file: number; line: number; op: "duplicate" | "drop" | "indent" | "dedent" | "tab" | "swap" }
  | { kind: "value"; file: number; path: number[]; to: unknown }
  | { kind: "drop-key"; file: number; path: number[] }
  | { kind: "rename-key"; file: number; path: number[]; name: string }
  | { kind: "remove-file"; file: number }
  | { kind: "add-file"; name: string; text: string };

// YAML and Markdown syntax, encodings and characters that have broken parsers before.
const odd = [
  ": ",
  "- ",
  "? ",
  "&a ",
  "*a",
  "*a\n",
  "&a [1, 2]\n",
  "!!str ",
  "!!binary ",
  "!include ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "#",
  " #",
  "|",
  "|-\n",
  ">",
  "'",
  '"',
  "\\",
  "\\x",
  "`",
  "---\n",
  "...\n",
  "%YAML 1.1\n",
  "<<: *a\n",
  "\t",
  "\r",
  "\r\n",
  "\n",
  "\n\n",
  "    ",
  "\uFEFF",
  "\u0000",
  "\u0085",
  "\u2028",
  "\u200B",
  "\u202E",
  "😀",
  "ü",
  "ß",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:1)",
  "<!--",
  "<https://x>",
  "*",
  "**",
  "_",
  "![i](data:x)",
  "> > > ",
  "id: ",
  "group: ",
  "ref: ",
  "file: ",
  "locations: [",
  "text: |\n",
  "measures:\n",
  "../",
  "/etc/passwd",
  "2026.10",
  "yes",
  "no",
  "null",
  "~",
  "1e999",
  "0x1F",
  "-.inf",
];

const someValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "javascript:alert(1)", "<script>x</script>", "../../etc/passwd", "/etc/passwd", "berlin", "all", "Zutritt RZ", "prose", "2026-02-30"),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);
const where = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const file = fc.nat({ max: 1000 });
const steps = fc.array(where, { minLength: 1, maxLength: 5 });

/** A random mutation: text-level edits (odd characters, YAML syntax, raw bytes), structure-level edits, files added or removed. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      file,
      at: where,
      text: fc.oneof(fc.constantFrom(...odd), fc.string({ unit: "binary", maxLength: 6 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("bytes" as const),
      file,
      at: where,
      bytes: fc.array(fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf4, 0xf8, 0xfe, 0xff, 0x00), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), file, at: where, length: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("line" as const),
      file,
      line: where,
      op: fc.constantFrom("duplicate" as const, "drop" as const, "indent" as const, "dedent" as const, "tab" as const, "swap" as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("value" as const), file, path: steps, to: someValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop-key" as const), file, path: steps }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("rename-key" as const),
      file,
      path: steps,
      name: fc.oneof(fc.constantFrom("titel", "txt", "Group", "location", "<<", "ids", ""), fc.string({ maxLength: 6 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove-file" as const), file }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("add-file" as const),
      name: fc.constantFrom("neu.yaml", "x/neu.yml", "site.yml", "leer.yaml", "prose/neu.md"),
      text: fc.oneof(fc.constantFrom("", "# nur Kommentar\n", "- a\n", "id: neu\n"), fc.string({ maxLength: 40 })),
    }),
  },
);

/** Applies mutations to a copy of the files; `root` is the content folder the files lie in. */
export function applyMutations(original: MemoryFiles, root: string, mutations: readonly Mutation[]): MemoryFiles {
  const files = new Map(original);
  for (const m of mutations) {
    if (m.kind === "add-file") {
      files.set(path.join(root, m.name), Buffer.from(m.text));
      continue;
    }
    const names = [...files.keys()].sort();
    if (names.length === 0) return files;
    const name = names[m.file % names.length] as string;
    const bytes = files.get(name) as Buffer;
    const text = bytes.toString("utf8");
    const at = (fraction: number, length: number) => Math.floor(fraction * (length + 1));
    switch (m.kind) {
      case "remove-file":
        files.delete(name);
        break;
      case "insert": {
        const i = at(m.at, text.length);
        files.set(name, Buffer.from(text.slice(0, i) + m.text + text.slice(i)));
        break;
      }
      case "bytes": {
        const i = at(m.at, bytes.length);
        files.set(name, Buffer.concat([bytes.subarray(0, i), Buffer.from(m.bytes), bytes.subarray(i)]));
        break;
      }
      case "delete": {
        const i = at(m.at, text.length);
        files.set(name, Buffer.from(text.slice(0, i) + text.slice(i + m.length)));
        break;
      }
      case "line":
        files.set(name, Buffer.from(editLine(text, m.line, m.op)));
        break;
      default:
        files.set(name, Buffer.from(editValue(text, m)));
    }
  }
  return files;
}

function editLine(text: string, fraction: number, op: Extract<Mutation, { kind: "line" }>["op"]): string {
  const lines = text.split("\n");
  const i = Math.floor(fraction * lines.length);
  const line = lines[i] ?? "";
  if (op === "duplicate") lines.splice(i, 0, line);
  else if (op === "drop") lines.splice(i, 1);
  else if (op === "indent") lines[i] = ` ${line}`;
  else if (op === "dedent") lines[i] = line.replace(/^ /, "");
  else if (op === "tab") lines[i] = `\t${line}`;
  else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1] as string, line];
  return lines.join("\n");
}

function isPlain(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

// Structural edits: parse the YAML (leave the file alone if it does not parse), walk to a node, change it, write YAML again.
function editValue(text: string, m: Extract<Mutation, { kind: "value" | "drop-key" | "rename-key" }>): string {
  let value: unknown;
  try {
    value = parse(text, { logLevel: "silent" });
  } catch {
    return text;
  }
  if (!isPlain(value)) return text;
  let parent = value as Record<string, unknown>;
  let key: string | undefined;
  for (const step of m.path) {
    const keys = Object.keys(parent);
    if (keys.length === 0) break;
    key = keys[Math.floor(step * keys.length)] as string;
    const child = parent[key];
    if (!isPlain(child) || step === m.path[m.path.length - 1]) break;
    parent = child as Record<string, unknown>;
  }
  // Only a plain mapping or list is edited: a value YAML made into something else (the bytes of !!binary, a date)
  // has no keys to drop (deleting an index of a Uint8Array throws).
  if (key === undefined || !isPlain(parent)) return text;
  if (m.kind === "value") parent[key] = m.to;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (m.kind === "drop-key") delete parent[key];
  else {
    parent[m.name] = parent[key];
    if (m.name !== key) delete parent[key];
  }
  try {
    return stringify(value);
  } catch {
    return text;
  }
}
