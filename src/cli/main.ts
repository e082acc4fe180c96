import { parseArgs } from "node:util";
import type { ReportFormat } from "../diagnostics/format.js";

const usage = `Usage:
  toms build [--content DIR] [--out DIR] [--no-pdf] [--no-archive]
  toms check [--content DIR] [--format text|json|github]
  toms diff BASE [HEAD] [--content DIR] [--format markdown|json] [--report FILE]
  toms record [--out DIR] [--content DIR] [--adopt]

  --content DIR   the content folder (default: measures)
  --out DIR       where the site is written, or (record) the site as deployed (default: dist)
  --no-pdf        build the HTML annexes only
  --no-archive    do not write the published versions to OUT/<version>/
  --adopt         record: take a site built by a toms that did not mark drafts
  --format        output format
  --help          show this help
`;

/** Exit codes of the command line contract. */
export const exit = { ok: 0, problems: 1, usage: 2 } as const;

/** Runs the toms command line and returns its exit code; commands are loaded only when used. */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`toms: ${usageProblem(error as NodeJS.ErrnoException)}\n\n${usage}`);
    return exit.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(usage);
    return exit.ok;
  }
  const content = values.content ?? "measures";
  const fail = (message: string) => {
    process.stderr.write(`toms: ${message}\n\n${usage}`);
    return exit.usage;
  };
  // Options a command does not take are an error, not silently ignored.
  const allowed: Record<string, string[]> = {
    check: ["content", "format"],
    build: ["content", "out", "no-pdf", "no-archive"],
    diff: ["content", "format", "report"],
    record: ["content", "out", "adopt"],
  };
  const extra = Object.keys(values).filter((name) => name !== "help" && command !== undefined && allowed[command] && !allowed[command].includes(name));
  if (extra.length > 0) return fail(`${command} has no option --${extra[0]}`);
  switch (command) {
    case "check": {
      const format = (values.format ?? "text") as ReportFormat;
      if (!["text", "json", "github"].includes(format)) return fail(`unknown --format "${format}" for check (text, json or github)`);
      if (rest.length > 0) return fail(`check takes no arguments, got "${rest.join(" ")}"`);
      const { runCheck } = await import("./check.js");
      return runCheck({ content, format });
    }
    case "build": {
      if (rest.length > 0) return fail(`build takes no arguments, got "${rest.join(" ")}"`);
      const { runBuild } = await import("./build.js");
      return runBuild({ content, out: values.out ?? "dist", pdf: !values["no-pdf"], archive: !values["no-archive"] });
    }
    case "diff": {
      const [base, head] = rest;
      if (base === undefined || rest.length > 2) return fail("diff takes BASE and an optional HEAD revision");
      const format = values.format ?? "markdown";
      if (!["markdown", "json"].includes(format)) return fail(`unknown --format "${format}" for diff (markdown or json)`);
      const { runDiff } = await import("./diff.js");
      return runDiff({
        content,
        base,
        ...(head !== undefined && { head }),
        format: format as "markdown" | "json",
        ...(values.report !== undefined && { report: values.report }),
      });
    }
    case "record": {
      if (rest.length > 0) return fail(`record takes no arguments, got "${rest.join(" ")}"`);
      const { runRecord } = await import("./record.js");
      return runRecord({ content, out: values.out ?? "dist", adopt: values.adopt === true });
    }
    case undefined:
      return fail("no command given");
    default:
      return fail(`unknown command "${command}"`);
  }
}

// node:util's messages are written for programmers; say what is wrong in the command's own terms.
function usageProblem(error: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option "${option}"`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /does not take/.test(error.message) ? `option "${option}" takes no value` : `option "${option}" needs a value`;
  }
  return error.message;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      report: { type: "string" },
      "no-pdf": { type: "boolean" },
      "no-archive": { type: "boolean" },
      adopt: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
