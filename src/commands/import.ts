import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanBlocks } from "../import/clean.js";
import { draftFiles } from "../import/files.js";
import type { ImportSummary, LeftOut } from "../import/report.js";
import { type ImportType, importTypes, readSource } from "../import/source.js";
import { findStructure } from "../import/structure.js";
import { guessLanguage } from "../import/words.js";

/** Input toms import refuses: a file it cannot read or a folder it will not write into (wrong usage, exit 2). */
export class ImportRefused extends Error {}

/** What toms import is asked to do. */
export interface ImportOptions {
  source: string;
  out: string;
  /** The language of the annex; guessed from the text when not given. */
  lang?: string;
  /** The date the draft takes effect (YYYY-MM-DD); today when not given. */
  validFrom?: string;
}

const language = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * Drafts a content folder from an existing annex (.docx, .html, .md): finds its title, preamble, numbered groups,
 * lettered sections and measures, writes them to `out`, and returns what it placed and what it could not.
 */
export async function importAnnex(options: ImportOptions): Promise<ImportSummary> {
  const type = typeOf(options.source);
  if (options.lang !== undefined && !language.test(options.lang))
    throw new ImportRefused(`--lang "${options.lang}" is not a language code; use e.g. de, en or fr-CH`);
  checkOut(options.out);
  let read: Awaited<ReturnType<typeof readSource>>;
  try {
    read = await readSource(options.source, type);
  } catch (error) {
    throw new ImportRefused(`cannot read ${options.source} as a ${type === "docx" ? "Word (.docx)" : type.toUpperCase()} file: ${reason(error)}`);
  }
  const cleaned = cleanBlocks(read.blocks);
  const kept = cleaned.flatMap((c) => (c.block ? [c.block] : []));
  const draft = findStructure(kept);
  // Each thing left out is reported with the group and section around it: the place of the block before it.
  const leftOut: LeftOut[] = read.leftOut.map((item) => ({ ...item }));
  let within: string | undefined;
  for (const { block, leftOut: items } of cleaned) {
    if (block) within = draft.within.get(block) ?? within;
    for (const item of items) leftOut.push({ ...item, ...(within !== undefined && { within }) });
  }
  const lang = options.lang ?? guessLanguage(kept.map((b) => b.text).join(" "));
  const written = draftFiles(draft, { lang, validFrom: options.validFrom ?? today(), ...schemasFor(options.out) });
  fs.mkdirSync(options.out, { recursive: true });
  for (const [file, text] of written.files) {
    fs.mkdirSync(path.dirname(path.join(options.out, file)), { recursive: true });
    fs.writeFileSync(path.join(options.out, file), text);
  }
  const order = (item: LeftOut) => Number(/\d+/.exec(item.where)?.[0] ?? 0);
  return {
    source: options.source,
    out: options.out,
    files: written.files.size,
    groups: draft.groups.length,
    sections: written.sections,
    measures: written.measures,
    preamble: written.files.has("preamble.md"),
    lang,
    placeholders: written.placeholders,
    leftOut: [...draft.leftOut, ...leftOut, ...written.leftOut].sort((a, b) => order(a) - order(b)),
  };
}

function typeOf(source: string): ImportType {
  const extension = path.extname(source).toLowerCase();
  if (!Object.hasOwn(importTypes, extension)) {
    throw new ImportRefused(
      `toms import reads .docx, .html and .md files, and "${source}" is ${extension === "" ? "none of them" : `a ${extension} file`}; save the annex as a Word document (.docx) or a web page (.html)`,
    );
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new ImportRefused(`"${source}" does not exist`);
  }
  if (!stat.isFile()) throw new ImportRefused(`"${source}" is not a file`);
  return importTypes[extension as keyof typeof importTypes];
}

// The draft goes into a new or empty folder only: it never mixes with, or replaces, measures someone wrote.
function checkOut(out: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(out);
  } catch {
    return;
  }
  if (!stat.isDirectory()) throw new ImportRefused(`--out "${out}" is a file; name a new folder`);
  if (fs.readdirSync(out).length > 0) throw new ImportRefused(`"${out}" already holds files; toms import writes only into a new or empty folder (use --out)`);
}

// The editor's $schema line points at toms's schemas as installed for the project (node_modules/toms/schemas), or
// at this package's own when the folder is inside it; elsewhere there is no path that stays right, and no line.
function schemasFor(out: string): { schemas?: string } {
  const own = fileURLToPath(new URL("../../schemas", import.meta.url));
  const folder = path.resolve(out);
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const installed = path.join(dir, "node_modules/toms/schemas");
    if (fs.existsSync(installed)) return { schemas: path.relative(folder, installed).split(path.sep).join("/") };
    if (dir === path.dirname(own)) return { schemas: path.relative(folder, own).split(path.sep).join("/") };
    if (path.dirname(dir) === dir) return {};
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/central directory|zip/i.test(message)) return "it is not a Word document (perhaps an old .doc file renamed, or damaged)";
  if (/word\/document\.xml/i.test(message)) return "it holds no Word document";
  return message.split("\n")[0] ?? "unreadable";
}
