import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { Browser } from "puppeteer-core";
import { removeTree } from "../util/remove-tree.js";
import { noBrowserMessage, PdfError } from "./errors.js";
import { cachedChrome, findBrowser, isFile, puppeteerCacheDir, systemBrowserPaths, testedChromeBuild, type FoundBrowser } from "./find-browser.js";
import { PipeTransport } from "./pipe-transport.js";

// toms starts Chromium itself and hands the running browser to puppeteer (`puppeteer.connect` over the same pipe
// `puppeteer.launch` would use). So a build can start it first thing, before puppeteer is even loaded, and
// Chromium comes up on another core while the content is checked and rendered.

// puppeteer's own flags for a headless browser on a pipe (its `defaultArgs`; a test keeps them equal), then
// ours: quiet and offline, no sync, no component or background downloads, no first-run UI.
const puppeteerFlags = [
  "--allow-pre-commit-input",
  "--disable-background-networking",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-breakpad",
  "--disable-client-side-phishing-detection",
  "--disable-component-extensions-with-background-pages",
  "--disable-crash-reporter",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-hang-monitor",
  "--disable-infobars",
  "--disable-ipc-flooding-protection",
  "--disable-popup-blocking",
  "--disable-prompt-on-repost",
  "--disable-renderer-backgrounding",
  "--disable-search-engine-choice-screen",
  "--disable-sync",
  "--enable-automation",
  "--export-tagged-pdf",
  "--force-color-profile=srgb",
  "--generate-pdf-document-outline",
  "--metrics-recording-only",
  "--no-first-run",
  "--password-store=basic",
  "--use-mock-keychain",
  "--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes",
  "--enable-features=PdfOopif",
  "--headless=new",
  "--hide-scrollbars",
  "--mute-audio",
  "--disable-extensions",
];
export const tomsFlags = ["--disable-gpu", "--disable-component-update", "--no-default-browser-check", "--dns-prefetch-disable"];

/**
 * The command line of the browser. The sandbox cannot start as root (containers, CI), so it is only switched
 * off there. Chromium opens one blank tab, which the first print uses.
 */
export function browserArguments(profile: string, asRoot = isRoot()): string[] {
  return [...puppeteerFlags, ...tomsFlags, ...(asRoot ? ["--no-sandbox"] : []), `--user-data-dir=${profile}`, "--remote-debugging-pipe", "about:blank"];
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** The browser of this machine found without loading puppeteer: PUPPETEER_EXECUTABLE_PATH or an installed one. */
export function locateSystemBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  return checked(findBrowser({ env, system: systemBrowserPaths(process.platform, env), bundled: () => undefined, exists: isFile }));
}

/**
 * The browser of this machine, a Chrome in puppeteer's cache included, or a PdfError saying exactly what to run to
 * get one. `system` is where installed browsers are looked for (a test passes none, to be a machine without one).
 */
export async function locateBrowser(env: NodeJS.ProcessEnv = process.env, system = systemBrowserPaths(process.platform, env)): Promise<FoundBrowser> {
  const installed = checked(findBrowser({ env, system, bundled: () => undefined, exists: isFile }));
  if (installed) return installed;
  const cacheDir = puppeteerCacheDir(env);
  const build = await testedChromeBuild();
  const cached = await cachedChrome(cacheDir, build);
  const found = checked(findBrowser({ env, system: [], bundled: () => cached, exists: isFile }));
  if (found === undefined) throw new PdfError(noBrowserMessage({ build, cacheDir }));
  return found;
}

function checked(found: ReturnType<typeof findBrowser>): FoundBrowser | undefined {
  if (found !== undefined && "missing" in found) {
    throw new PdfError(
      `PUPPETEER_EXECUTABLE_PATH is set to ${found.missing}, which is not a file. Point it at a Chrome or Chromium executable, or unset it to use the one installed. To build without PDFs, run \`toms build --no-pdf\`.`,
    );
  }
  return found;
}

// Chromium's temporary files (shared memory, with --disable-dev-shm-usage; its singleton socket) go into the profile,
// removed with it even when the browser is killed. But a Unix socket path has at most 107 characters and Chromium
// puts its socket 45 below TMPDIR, and quits when that is too long: with a longer profile path TMPDIR stays as it
// is (macOS's has ~50 characters), and where that is too long as well, /tmp is used.
export function browserEnvironment(profile: string, env: NodeJS.ProcessEnv = process.env, temp = os.tmpdir()): NodeJS.ProcessEnv {
  const fits = (dir: string) => dir.length + socketBelowTmp <= maxSocketPath;
  if (process.platform === "win32") return env;
  if (fits(profile)) return { ...env, TMPDIR: profile };
  if (fits(temp) || !fs.existsSync("/tmp")) return env;
  return { ...env, TMPDIR: "/tmp" };
}
const socketBelowTmp = 45;
const maxSocketPath = 100;

// Waits for `promise`, at most `ms` (the timer does not outlive the wait).
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** A browser process this build started; `connect` hands it to puppeteer. */
export interface StartedBrowser {
  found: FoundBrowser;
  /** When the process was started (performance.now()). */
  startedAt: number;
  /** Connects puppeteer to the browser once it is up; a PdfError if it does not come up (within 30 s). */
  connect(): Promise<Browser>;
  /** Asks the browser to quit; kills it if it has not within five seconds. Removes its profile. */
  close(): Promise<void>;
  /** Kills the browser with all its helper processes at once and removes its profile. Synchronous. */
  kill(): void;
}

// A browser of this process: what it takes to end it at once, synchronously.
interface Running {
  child: ChildProcess;
  profile: string;
}
const running = new Set<Running>();
const startTimeoutMs = 30_000;
const closeTimeoutMs = 5_000;

/**
 * Starts the browser, with a profile of our own in the temporary folder, removed whenever the browser ends. The
 * process leads its own process group (except on Windows), so its helpers (zygote, renderers) end with it.
 */
export function startBrowser(found: FoundBrowser): StartedBrowser {
  const startedAt = performance.now();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "toms-chromium-"));
  const child = spawn(found.executable, browserArguments(profile), {
    detached: process.platform !== "win32",
    // fd 3: what we send, fd 4: what the browser answers (--remote-debugging-pipe); stderr for a failure message.
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    env: browserEnvironment(profile),
  });
  const entry: Running = { child, profile };
  running.add(entry);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  // Read while node runs anyway, but never what keeps it running (a helper outside the process group may hold it).
  (child.stderr as Socket | null)?.unref();
  let failure: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("error", (error) => {
      failure = error;
      end(entry);
      resolve();
    });
    child.once("exit", (code, signal) => {
      failure ??= new Error(signal ? `ended by ${signal}` : `exit code ${code}`);
      end(entry);
      resolve();
    });
  });
  let browser: Browser | undefined;
  // Why the browser did not come up: how it ended (waiting a moment for that) and its last words, for which the pipe
  // is read to its end (at most a second: a helper may hold it open).
  const notStarted = async (reason: string) => {
    await within(exited, 1_000);
    if (child.stderr && !child.stderr.closed) await within(new Promise((resolve) => child.stderr?.once("close", resolve)), 1_000);
    const detail = stderr.trim().split("\n").filter(Boolean).at(-1);
    return new PdfError(
      `The browser at ${found.executable} did not start (${failure?.message ?? reason}${detail ? `: ${detail}` : ""}). Check that it runs on this machine, or point PUPPETEER_EXECUTABLE_PATH at another Chrome or Chromium. To build without PDFs, run \`toms build --no-pdf\`.`,
    );
  };
  return {
    found,
    startedAt,
    async connect() {
      const { default: puppeteer } = await import("puppeteer-core");
      if (!running.has(entry)) throw await notStarted("it was stopped");
      const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
      let timer: NodeJS.Timeout | undefined;
      try {
        browser = await Promise.race([
          puppeteer.connect({ transport, defaultViewport: { width: 800, height: 600 } }),
          exited.then(() => Promise.reject(new Error("it quit"))),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
          }),
        ]);
        return browser;
      } catch (error) {
        // The protocol may fail first (its pipe closed) while the exit is still on its way: notStarted prefers how
        // the process ended.
        const reason = await notStarted((error as Error).message.split("\n")[0] ?? "");
        end(entry);
        throw reason;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, closeTimeoutMs);
      });
      // Closing over the protocol lets the browser end cleanly; the process is awaited, then its group ended.
      if (browser?.connected) await Promise.race([browser.close().catch(() => {}), late]);
      await Promise.race([exited, late]);
      clearTimeout(timer);
      end(entry);
    },
    kill: () => end(entry),
  };
}

/**
 * Kills every browser this process started, with all its helper processes, and removes their profiles. Synchronous,
 * so a signal handler can call it right before `process.exit`.
 */
export function killBrowsers(): void {
  const entries = [...running];
  // All killed before any profile is removed: a dying browser may still be writing to its profile.
  for (const entry of entries) kill(entry);
  for (const entry of entries) end(entry);
}

// The whole group: helper processes may outlive a main process that crashed or was killed.
function kill(entry: Running): void {
  const pid = entry.child.pid;
  if (pid === undefined) return;
  try {
    if (process.platform === "win32") entry.child.kill("SIGKILL");
    else process.kill(-pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}

function end(entry: Running): void {
  if (!running.delete(entry)) return;
  kill(entry);
  // The protocol pipes are closed; stderr is left to be read to its end (it is unref'd: it cannot hold node).
  for (const stream of [entry.child.stdio[3], entry.child.stdio[4]]) (stream as Readable | Writable | null)?.destroy();
  try {
    // Processes just killed may not have stopped writing yet: removeTree tries again.
    removeTree(entry.profile);
  } catch {
    // A profile left in the temporary folder is no reason to fail (or to skip the rest of a signal's cleanup).
  }
}

/** How many annexes to print at once: one per core, never more than there are annexes. */
export function parallelism(annexes: number): number {
  return Math.max(1, Math.min(annexes, os.availableParallelism()));
}
