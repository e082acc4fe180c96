import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { answersProblem, init } from "../commands/init.js";
import { initLanguages, type InitLanguage } from "../init/checklist.js";
import type { InitAnswers, InitLocation } from "../init/files.js";
import { slug } from "../util/slug.js";
import { printable } from "../util/terminal.js";

/** What the command line said; what it left out is asked for on a terminal. */
export interface InitCommand {
  dir: string;
  lang?: InitLanguage;
  organisation?: string;
  locations: InitLocation[];
  /** --one-scope: a single annex without locations. */
  oneScope?: boolean;
}

/** Thrown when the command line lacks what init needs and there is no terminal to ask (wrong usage). */
export class MissingAnswers extends Error {}

/**
 * `toms init`: asks on a terminal for what the options left out (organisation, language, locations), writes the new
 * content repository and says what to do next. Returns 0 when written, 2 when refused (nothing written), 130 when
 * the questions were cancelled.
 */
export async function runInit(command: InitCommand, terminal = process.stdin.isTTY === true && process.stdout.isTTY === true): Promise<number> {
  let answers: InitAnswers;
  if (command.organisation !== undefined && (command.locations.length > 0 || command.oneScope)) {
    answers = { lang: command.lang ?? "de", organisation: command.organisation, locations: command.locations, ...(command.oneScope && { oneScope: true }) };
  } else if (terminal) {
    const asked = await ask(command);
    if (asked === undefined) {
      process.stderr.write("\ntoms: init cancelled; nothing was written.\n");
      return 130;
    }
    answers = asked;
  } else {
    throw new MissingAnswers("init needs --organisation and at least one --location (or --one-scope) here (there is no terminal to ask for them)");
  }
  const result = init({ dir: command.dir, answers });
  if (!result.ok) {
    process.stderr.write(`toms: ${printable(result.problem)}.\n`);
    return 2;
  }
  const dir = command.dir;
  const lines = [
    `✓ toms init wrote the annex of ${printable(answers.organisation)} into ${printable(dir === "." ? "this folder" : dir)}:`,
    ...result.written.map((file) => `  ${file}`),
    `  package.json (${result.packageJson === "written" ? "new" : "scripts and toms added where missing"})`,
    "",
  ];
  for (const script of result.keptScripts)
    lines.push(`toms: package.json already has a script "${printable(script)}"; it was kept (toms's would run "toms ${printable(script)}").`);
  const outside = outsideSpec(result.tomsSpec, dir);
  if (outside)
    lines.push(
      `toms: package.json installs toms from ${printable(outside)}, outside this repository, where the workflows' npm ci will not find it: put the package file into the repository (e.g. vendor/) and install it from there, or install toms from a registry or an https address.`,
    );
  const installed = fs.existsSync(path.join(dir, "node_modules", "toms", "package.json"));
  const next: [string, string][] = [
    ...(dir === "." ? [] : [[`cd ${printable(dir)}`, ""] as [string, string]]),
    ...(installed ? [] : [["npm install", "installs toms"] as [string, string]]),
    ["npx toms check", `${result.placeholders} placeholders to replace, each saying what it asks for`],
    ["npx toms build", "the site in dist/, with HTML and PDF annexes"],
  ];
  const width = Math.max(...next.map(([run]) => run.length));
  lines.push(
    "Next:",
    ...next.map(([run, what]) => (what === "" ? `  ${run}` : `  ${run.padEnd(width)}  # ${what}`)),
    "README.md says how to edit, preview, review and publish.",
    "",
  );
  process.stdout.write(lines.join("\n"));
  return 0;
}

// A `file:` dependency whose path leads out of the folder (npm writes such paths relative to package.json).
function outsideSpec(spec: string, dir: string): string | undefined {
  if (!spec.startsWith("file:")) return undefined;
  const target = path.resolve(dir, spec.slice("file:".length));
  const rel = path.relative(path.resolve(dir), target);
  return rel.startsWith("..") || path.isAbsolute(rel) ? spec : undefined;
}

// The questions, each asked again until its answer is usable. Lines typed ahead are kept (the interface's line
// iterator queues them), so answers can come faster than the questions. Undefined when cancelled (Ctrl-C, Ctrl-D).
async function ask(command: InitCommand): Promise<InitAnswers | undefined> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const lines = rl[Symbol.asyncIterator]();
  let cancelled = false;
  rl.on("SIGINT", () => {
    cancelled = true;
    rl.close();
  });
  const question = async (prompt: string): Promise<string | undefined> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    return cancelled || next.done ? undefined : (next.value as string).trim();
  };
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    let organisation = command.organisation;
    while (organisation === undefined) {
      const answer = await question("Organisation (the processor's legal name, as on its letterhead): ");
      if (answer === undefined) return undefined;
      const problem = answersProblem({ lang: "de", organisation: answer, locations: [{ id: "x", name: "x" }] });
      if (problem) say(`  ${printable(problem)}.`);
      else organisation = answer;
    }
    let lang = command.lang;
    while (lang === undefined) {
      const answer = await question(`Language of the annex, ${initLanguages.join(" or ")} [de]: `);
      if (answer === undefined) return undefined;
      if (answer === "") lang = "de";
      else if ((initLanguages as readonly string[]).includes(answer.toLowerCase())) lang = answer.toLowerCase() as InitLanguage;
      else say(`  toms init writes ${initLanguages.join(" or ")}.`);
    }
    const locations = [...command.locations];
    let oneScope = command.oneScope === true;
    if (locations.length === 0 && !oneScope) {
      say("Locations: toms builds an annex for each place where the data is processed (a data centre, a cloud region).");
      say("Enter one name per line (e.g. Hetzner Falkenstein), and an empty line when done; an empty first line makes");
      say("a single annex without locations.");
      for (;;) {
        const name = await question(`Location ${locations.length + 1}: `);
        if (name === undefined) return undefined;
        if (name === "") {
          if (locations.length === 0) oneScope = true;
          break;
        }
        const unnamed = answersProblem({ lang, organisation, locations: [{ id: "x", name }] });
        if (unnamed) {
          say(`  ${printable(unnamed)}.`);
          continue;
        }
        const proposed = slug(name).slice(0, 64).replace(/-+$/, "") || `location-${locations.length + 1}`;
        for (;;) {
          const id = await question(`  id, for file names and "locations: [id]" [${proposed}]: `);
          if (id === undefined) return undefined;
          const location = { id: id === "" ? proposed : id, name };
          const problem = answersProblem({ lang, organisation, locations: [...locations, location] });
          if (!problem) {
            locations.push(location);
            break;
          }
          say(`  ${printable(problem)}.`);
        }
      }
    }
    return { lang, organisation, locations, ...(oneScope && { oneScope: true }) };
  } finally {
    rl.close();
  }
}
