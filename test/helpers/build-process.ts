// `toms build` as a real child process for the fault tests: started with its own TMPDIR (Chromium's profile is made
// there) and a tag in its environment, so its processes, and the browser's, are found in /proc and told apart from
// those of tests running in parallel; plus a byte-for-byte fingerprint of an output tree.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { childLines } from "./child-lines.js";

const root = path.join(import.meta.dirname, "../..");

/** One `toms build` child: its stdout lines as they come, and how it ended. */
export interface Run {
  pid: number;
  tag: string;
  tmpdir: string;
  lines: string[];
  stderr: () => string;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout line matching, or rejects if the build ends before one comes. */
  line: (pattern: RegExp) => Promise<string>;
}

/** What to run: `toms build --content <content> --out <out> [args]`, with a fresh TMPDIR made below `scratch`. */
export interface BuildCommand {
  content: string;
  out: string;
  scratch: string;
  env?: Record<string, string>;
  args?: string[];
}

/** Starts `node bin/toms.js build` as a child process, tagged so that it and everything it starts can be found. */
export function startBuild(command: BuildCommand): Run {
  const tag = crypto.randomUUID();
  const tmpdir = fs.mkdtempSync(path.join(command.scratch, "tmp-"));
  // --verbose: the tests wait for the steps (browser started, an annex printed), which a build without a terminal keeps quiet.
  const child = spawn(process.execPath, ["bin/toms.js", "build", "--verbose", "--content", command.content, "--out", command.out, ...(command.args ?? [])], {
    cwd: root,
    env: { ...process.env, ...command.env, TMPDIR: tmpdir, TOMS_FAULT_TAG: tag },
  });
  const { lines, stderr, ended, line } = childLines(child, "the build");
  return {
    pid: child.pid as number,
    tag,
    tmpdir,
    lines,
    stderr,
    ended,
    line,
  };
}

// A file of /proc, or "" when the process is gone or the file unreadable.
function read(file: string): string {
  try {
    return fs.readFileSync(file, "latin1");
  } catch {
    return "";
  }
}

/** Live processes of a run (not zombies): its node, the browser and every helper the browser started. */
export function processesOf(run: Run): { pid: number; ppid: number; cmd: string }[] {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    // Only node and the browser's processes are looked into (reading another's cmdline can block on its memory).
    const [, comm, state, ppid] = /\((.*)\) (\S) (\d+)/s.exec(read(`/proc/${entry}/stat`)) ?? [];
    if (!comm || !/^(node|chrom)/i.test(comm) || state === "Z") continue;
    const cmd = read(`/proc/${entry}/cmdline`).split("\0").join(" ");
    if (cmd.includes(run.tmpdir) || read(`/proc/${entry}/environ`).includes(`TOMS_FAULT_TAG=${run.tag}`)) {
      found.push({ pid: Number(entry), ppid: Number(ppid), cmd: cmd.slice(0, 120) });
    }
  }
  return found;
}

/** The processes a run left, once those being killed have had time to go (up to 5 s); any found are killed. */
export async function leftBehind(run: Run): Promise<string[]> {
  let left = processesOf(run);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesOf(run);
  }
  for (const p of left) process.kill(p.pid, "SIGKILL");
  return left.map((p) => `${p.pid} ${p.cmd}`);
}

/** The main browser process of a running build (the child of its node that is not a helper). */
export function browserOf(run: Run): number {
  const main = processesOf(run).find((p) => p.ppid === run.pid && /chrom/i.test(p.cmd));
  if (!main) throw new Error(`no browser under ${run.pid}`);
  return main.pid;
}

/** Every file and folder below `dir` with the SHA-256 of each file: equal trees are byte-for-byte equal. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        out[`${rel}/`] = "folder";
        walk(full);
      } else out[rel] = crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex");
    }
  };
  walk(dir);
  return out;
}
