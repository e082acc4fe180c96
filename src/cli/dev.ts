import path from "node:path";
import { dev } from "../commands/dev.js";
import { isLoopback, portsTried } from "../dev/server.js";
import type { Checked } from "../dev/session.js";
import { formatDiagnostics } from "../diagnostics/format.js";
import { sourceDateEpochProblem } from "../pdf/build-date.js";
import { killBrowsers } from "../pdf/launch.js";
import { printable } from "../util/terminal.js";
import { contentFolderProblem } from "./content-folder.js";
import { drawFor } from "./output.js";

/** What `toms dev` was asked to do. */
export interface DevCommand {
  content: string;
  port: number;
  host?: string;
  pdf: boolean;
}

/**
 * `toms dev`: prints the address as its first line, then the outcome of each check (problems as `toms check` prints
 * them), until Ctrl-C or SIGTERM, which end it at once with no browser left. Returns 0 when stopped that way, 1 when
 * the server cannot start, 2 for wrong usage.
 */
export async function runDev(options: DevCommand): Promise<number> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const problem = contentFolderProblem(options.content) ?? (options.pdf && epoch !== undefined && epoch !== "" ? sourceDateEpochProblem(epoch) : undefined);
  if (problem) {
    process.stderr.write(`toms: ${printable(problem).replace(/\.?$/, ".")}\n`);
    return 2;
  }
  const date = epoch ? () => new Date(Number(epoch.trim()) * 1000) : () => new Date();
  // Signals are handled from the start: a Ctrl-C while the browser starts leaves none behind either.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
  let server: Awaited<ReturnType<typeof dev>>;
  try {
    server = await dev({ ...options, date, onCheck: (checked) => report(checked) });
  } catch (error) {
    killBrowsers();
    const e = error as NodeJS.ErrnoException;
    const where = `${options.host ?? "localhost"}:${options.port}`;
    const why =
      e.code === "EADDRINUSE"
        ? `port ${options.port} and the ${portsTried} after it are in use`
        : e.code === "EACCES"
          ? `no permission to listen on port ${options.port}`
          : (e.message ?? String(e));
    process.stderr.write(`toms: cannot serve the preview on ${printable(where)}: ${printable(why)}.\n`);
    return e.code === "ENOTFOUND" || e.code === "EADDRNOTAVAIL" ? 2 : 1;
  }
  process.stdout.write(`${server.url}\n`);
  if (server.port !== options.port && options.port !== 0) process.stderr.write(`toms: port ${options.port} is in use; serving on ${server.port}.\n`);
  if (options.host !== undefined && !isLoopback(options.host)) {
    process.stderr.write(`toms: listening on ${printable(options.host)}: anyone who can reach this machine there can read the preview.\n`);
  }
  const folder = printable(path.relative(process.cwd(), path.resolve(options.content)) || ".");
  report(server.first, true);
  process.stdout.write(`toms: watching ${folder}; pages reload as you save. Ctrl-C stops.\n`);

  const signal = await stopped;
  // The browser first and synchronously: whatever happens next, none is left running.
  killBrowsers();
  await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 500))]);
  process.stderr.write(`toms: preview stopped (${signal}).\n`);
  // puppeteer may keep a timer of a call the killed browser never answered: leave once the output drained.
  setTimeout(() => process.exit(), 200).unref();
  return 0;
}

// After each check: the problems as `toms check` prints them (with their source lines), or which pages changed.
function report(checked: Checked, first = false): void {
  const time = new Date().toTimeString().slice(0, 8);
  const ms = Math.round(checked.ms);
  if (checked.problems.length > 0) {
    process.stderr.write(formatDiagnostics(checked.problems, "text", process.cwd(), { sources: checked.sources, ...drawFor(process.stderr) }));
  }
  if (!checked.site) {
    const shown = first ? "the annexes are shown once these are fixed" : "the pages show the last text without errors until these are fixed";
    process.stderr.write(`${time}  ${shown} (${ms} ms)\n`);
    return;
  }
  const annexes = [...checked.fingerprints.keys()].filter((name) => name !== "index.html");
  const pages = first
    ? `${annexes.length} annexes: ${annexes.join(", ")}`
    : checked.changed.length === 0
      ? "no page changed"
      : `changed: ${checked.changed.join(", ")}`;
  process.stdout.write(`${time}  ✓ ${pages} (${ms} ms)\n`);
}
