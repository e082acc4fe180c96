// `toms dev` as a real child process for the preview tests: tagged like the build runs of build-process.ts (so the
// browser it starts is found in /proc), with its address read from its first line, and a client of its event stream.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Run } from "./build-process.js";
import { childLines } from "./child-lines.js";

const root = path.join(import.meta.dirname, "../..");

/** A running `toms dev`: its address once it printed it, and how to stop it. */
export interface DevRun extends Run {
  /** The address it printed as its first line. */
  url: Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/toms.js dev --content <content> [args]` (port 0 unless args say otherwise), with a fresh TMPDIR below `scratch`. */
export function startDev(options: { content: string; scratch: string; args?: string[]; env?: Record<string, string>; cwd?: string; node?: string[] }): DevRun {
  const tag = crypto.randomUUID();
  const tmpdir = fs.mkdtempSync(path.join(options.scratch, "tmp-"));
  const args = options.args ?? [];
  const port = args.includes("--port") ? [] : ["--port", "0"];
  const child = spawn(process.execPath, [...(options.node ?? []), path.join(root, "bin/toms.js"), "dev", "--content", options.content, ...port, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env, TMPDIR: tmpdir, TOMS_FAULT_TAG: tag },
  });
  const { lines, stderr, ended, line } = childLines(child, "toms dev");
  // The first line is the address (checked by the tests, not assumed here: any first line is returned).
  const url = lines.length > 0 ? Promise.resolve(lines[0] as string) : line(/^/);
  return {
    pid: child.pid as number,
    tag,
    tmpdir,
    lines,
    stderr,
    ended,
    line,
    url,
    async stop(signal = "SIGINT") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return ended;
    },
  };
}

/** A response read whole. */
export interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** GETs an address (with other headers when given) and reads the whole answer. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString("utf8") });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** An event of the stream, its data parsed. */
export interface Received {
  event: string;
  data: unknown;
  /** When it arrived (performance.now()). */
  at: number;
}

/** A client of /__toms/events: every event received, and a wait for the next one that matches. */
export interface EventClient {
  events: Received[];
  /** The first event after the ones seen so far (or after `from`) with this name (and matching `where`); rejects after `ms`. */
  next(event: string, options?: { where?: (data: unknown) => boolean; ms?: number; from?: number }): Promise<Received>;
  /** How many events came so far: `from` for next() after an action. */
  mark(): number;
  close(): void;
}

/** Connects to the event stream of a preview; resolves once the greeting arrived. */
export async function listenTo(url: string): Promise<EventClient> {
  const events: Received[] = [];
  const wakers = new Set<() => void>();
  let seen = 0;
  const request = http.get(new URL("/__toms/events", url), (response) => {
    let buffer = "";
    response.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data), at: performance.now() });
        end = buffer.indexOf("\n\n");
      }
      for (const wake of [...wakers]) wake();
    });
  });
  request.on("error", () => {});
  const client: EventClient = {
    events,
    mark: () => events.length,
    next(event, { where = () => true, ms = 15_000, from } = {}) {
      const start = from ?? seen;
      return new Promise((resolve, reject) => {
        const look = () => {
          const i = events.findIndex((e, n) => n >= start && e.event === event && where(e.data));
          if (i === -1) return false;
          seen = i + 1;
          wakers.delete(look);
          clearTimeout(timer);
          resolve(events[i] as Received);
          return true;
        };
        const timer = setTimeout(() => {
          wakers.delete(look);
          reject(new Error(`no "${event}" event within ${ms} ms; got ${JSON.stringify(events.slice(start))}`));
        }, ms);
        if (!look()) wakers.add(look);
      });
    },
    close: () => request.destroy(),
  };
  await client.next("hello");
  return client;
}
