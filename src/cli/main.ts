import { parseArgs } from "node:util";
import type { ReportFormat } from "../diagnostics/format.js";
import { today } from "../util/dates.js";
import { slug } from "../util/slug.js";
import { closest } from "../util/suggest.js";
import { printable } from "../util/terminal.js";
import { tomsVersion } from "../util/toms-version.js";
import { type CommandSpec, commandHelp, commands, globalOptions, mainHelp, type OptionSpec } from "./commands.js";
import { findContent, noContentFolder } from "./content-folder.js";

/** Exit codes of the command line contract. */
export const exit = { ok: 0, problems: 1, usage: 2 } as const;

/** Wrong usage: what is wrong, and which help to read (exit 2). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly helpFor?: CommandSpec,
  ) {
    super(message);
  }
}

/** Runs the toms command line and returns its exit code; commands are loaded only when used. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // Arguments are printed back: escaped like content, so a typed escape sequence cannot act on the terminal.
    const where = error.helpFor ? `Run "toms help ${error.helpFor.name}" for its options and examples.` : 'Run "toms help" for the commands.';
    process.stderr.write(`toms: ${printable(error.message)}\n${where}\n`);
    return exit.usage;
  }
}

async function run(argv: string[]): Promise<number> {
  const { index, name } = findCommand(argv);
  if (name === undefined || name === "help") {
    const rest = index === -1 ? argv : argv.filter((_, i) => i !== index);
    const { values, positionals } = parseFor(rest, globalOptions);
    if (values.version) return print(`toms ${tomsVersion()}\n`);
    if (name === undefined || positionals.length === 0) return print(mainHelp());
    if (positionals.length > 1) throw new UsageError(`help takes one command, got "${positionals.join(" ")}"`);
    return print(commandHelp(commandNamed(positionals[0] as string)));
  }
  const spec = commandNamed(name);
  const args = argv.filter((_, i) => i !== index);
  // Help is help even when other arguments are wrong: it is what someone who got them wrong asks for.
  if (wantsHelp(args, spec)) return print(commandHelp(spec));
  const { values, positionals } = parseFor(args, [...spec.options, ...globalOptions], spec);
  if (values.version) return print(`toms ${tomsVersion()}\n`);
  if (positionals.length < spec.positionals.min || positionals.length > spec.positionals.max) {
    const got = positionals.length > spec.positionals.max ? `, got "${positionals.join(" ")}"` : "";
    throw new UsageError(`${spec.positionals.problem}${got}`, spec);
  }
  for (const option of spec.options) {
    const value = values[option.name];
    if (option.choices && typeof value === "string" && !option.choices.includes(value)) {
      const near = closest(value, option.choices);
      const hint = near === undefined ? "" : `; did you mean "${near}"?`;
      throw new UsageError(`unknown --${option.name} "${value}" for ${spec.name} (${listed(option.choices)}${hint})`, spec);
    }
  }
  const string = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : undefined);
  const flag = (key: string) => values[key] === true;
  // Without --content the content folder is looked for (content-folder.ts); --out then defaults to dist/ beside it.
  const given = string("content");
  const found = given === undefined ? findContent() : undefined;
  const content = given ?? found?.content;
  const out = string("out") ?? found?.out ?? "dist";
  switch (spec.name) {
    case "check": {
      if (content === undefined) throw new UsageError(noContentFolder, spec);
      const day = todayFor(string("today"), spec);
      const { runCheck } = await import("./check.js");
      return runCheck({ content, format: (string("format") ?? "text") as ReportFormat, today: day });
    }
    case "status": {
      if (content === undefined) throw new UsageError(noContentFolder, spec);
      const day = todayFor(string("today"), spec);
      const { runStatus } = await import("./status.js");
      return runStatus({ content, today: day, format: (string("format") ?? "text") as "text" | "json" | "markdown" });
    }
    case "build": {
      if (content === undefined) throw new UsageError(noContentFolder, spec);
      const { runBuild } = await import("./build.js");
      return runBuild({ content, out, pdf: !flag("no-pdf"), archive: !flag("no-archive"), verbose: flag("verbose") });
    }
    case "dev": {
      if (content === undefined) throw new UsageError(noContentFolder, spec);
      const port = string("port") ?? "4321";
      if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${port}"`, spec);
      const host = string("host");
      if (host === "") throw new UsageError("--host needs an address, e.g. 0.0.0.0", spec);
      const { runDev } = await import("./dev.js");
      return runDev({ content, port: Number(port), ...(host !== undefined && { host }), pdf: !flag("no-pdf") });
    }
    case "diff": {
      const [base, head] = positionals as [string, string | undefined];
      const report = string("report");
      const { runDiff } = await import("./diff.js");
      // No content folder in the working tree is for toms diff to explain (it may be at the revisions).
      return runDiff({
        content: content ?? "measures",
        base,
        ...(head !== undefined && { head }),
        format: (string("format") ?? "markdown") as "markdown" | "json",
        ...(report !== undefined && { report }),
      });
    }
    case "init": {
      const { MissingAnswers, runInit } = await import("./init.js");
      const locations = ((values.location as string[] | undefined) ?? []).map((given) => locationArgument(given, spec));
      try {
        return await runInit({
          dir: positionals[0] ?? ".",
          ...(string("lang") !== undefined && { lang: string("lang") as "de" | "en" }),
          ...(string("organisation") !== undefined && { organisation: string("organisation") }),
          locations,
          ...(flag("one-scope") && { oneScope: true }),
        });
      } catch (error) {
        if (error instanceof MissingAnswers) throw new UsageError(error.message, spec);
        throw error;
      }
    }
    case "record": {
      if (content === undefined) throw new UsageError(noContentFolder, spec);
      const { runRecord } = await import("./record.js");
      return runRecord({ content, out, adopt: flag("adopt") });
    }
    case "import": {
      const { runImport } = await import("./import.js");
      const lang = string("lang");
      return runImport({ source: positionals[0] as string, out: string("out") ?? "measures", ...(lang !== undefined && { lang }) });
    }
    default:
      throw new Error(`command ${spec.name} has no handler`);
  }
}

// The day review dates are judged on: --today, SOURCE_DATE_EPOCH's day or the clock's; wrong usage when the one
// given is not a date.
function todayFor(given: string | undefined, spec: CommandSpec): string {
  const day = today(given);
  if ("problem" in day) throw new UsageError(day.problem, spec);
  return day.date;
}

function print(text: string): number {
  process.stdout.write(text);
  return exit.ok;
}

// The first argument that is neither an option nor an option's value. Parsed leniently with every option any
// command has, so that `toms --content x check` finds "check", and an unknown option is reported by its command.
function findCommand(argv: string[]): { index: number; name: string | undefined } {
  const options = Object.fromEntries([...commands.flatMap((c) => c.options), ...globalOptions].map((o) => [o.name, config(o)]));
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((t) => t.kind === "positional");
  return first ? { index: first.index, name: first.value } : { index: -1, name: undefined };
}

function commandNamed(name: string): CommandSpec {
  const spec = commands.find((c) => c.name === name);
  if (spec) return spec;
  const near = closest(name, [...commands.map((c) => c.name), "help"]);
  throw new UsageError(`unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ""}`);
}

function wantsHelp(args: string[], spec: CommandSpec): boolean {
  const options = Object.fromEntries([...spec.options, ...globalOptions].map((o) => [o.name, config(o)]));
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  return tokens.some((t) => t.kind === "option" && t.name === "help");
}

// Parses strictly with the given options; node's messages are written for programmers, so they are said again in
// the command's terms, with the option meant when one is near.
function parseFor(args: string[], options: readonly OptionSpec[], spec?: CommandSpec) {
  try {
    return parseArgs({ args, options: Object.fromEntries(options.map((o) => [o.name, config(o)])), strict: true, allowPositionals: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const option = /'(-[^' ]+)/.exec(e.message)?.[1] ?? "";
    if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(/does not take/.test(e.message) ? `option "${option}" takes no value` : `option "${option}" needs a value`, spec);
    }
    if (e.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(e.message, spec);
    const name = option.replace(/^-+/, "").replace(/=.*$/, "");
    const others = commands.filter((c) => c !== spec && c.options.some((o) => o.name === name)).map((c) => c.name);
    if (spec && others.length > 0)
      throw new UsageError(`${spec.name} has no option --${name} (${listed(others, "and")} ${others.length === 1 ? "has" : "have"} it)`, spec);
    const near = option.startsWith("--")
      ? closest(
          name,
          options.map((o) => o.name),
        )
      : undefined;
    const suffix = spec ? ` for ${spec.name}` : "";
    throw new UsageError(`unknown option "${option}"${suffix}${near ? ` (did you mean "--${near}"?)` : ""}`, spec);
  }
}

function config(o: OptionSpec): { type: "string" | "boolean"; short?: string; multiple?: boolean } {
  return { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) };
}

// --location ID=NAME, or NAME alone, whose id is then made from it ("Hetzner Falkenstein" → hetzner-falkenstein).
function locationArgument(given: string, spec: CommandSpec): { id: string; name: string } {
  const equals = given.indexOf("=");
  if (equals === -1) return { id: slug(given).slice(0, 64).replace(/-+$/, ""), name: given };
  const id = given.slice(0, equals);
  const name = given.slice(equals + 1);
  if (id === "" || name === "") throw new UsageError(`--location "${given}" needs an id and a name, as ID=NAME (e.g. falkenstein="Hetzner Falkenstein")`, spec);
  return { id, name };
}

// "a, b or c"
function listed(items: readonly string[], conjunction = "or"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
