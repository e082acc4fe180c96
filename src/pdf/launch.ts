import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer";
import { removeTree } from "../publish/write-site.js";
import { noBrowserMessage, PdfError } from "./errors.js";
import { findBrowser, isFile, systemBrowserPaths, type FoundBrowser } from "./find-browser.js";

// Quiet and offline: no sync, no component or background downloads, no first-run UI. The sandbox
// cannot start as root (containers, CI), so it is only switched off there.
const flags = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--dns-prefetch-disable",
  "--mute-audio",
];

/** The browser of this machine, or a PdfError saying what to install. */
export function locateBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const found = findBrowser({ env, system: systemBrowserPaths(process.platform, env), bundled: bundledBrowser, exists: isFile });
  if (found === undefined) throw new PdfError(noBrowserMessage());
  if ("missing" in found) {
    throw new PdfError(`PUPPETEER_EXECUTABLE_PATH is set to ${found.missing}, which is not a file. Point it at a Chrome or Chromium executable, or unset it to use the one installed. To build without PDFs, run \`toms build --no-pdf\`.`);
  }
  return found;
}

// A browser of this process, starting or running: what it takes to end it at once, synchronously.
interface Running {
  abort: AbortController;
  profile: string;
  pid?: number;
}
const running = new Set<Running>();

/**
 * Starts one headless browser for the whole build. Its profile is a folder of our own (not puppeteer's temporary
 * one), so that `killBrowsers` can remove it synchronously; it is also removed whenever the browser exits.
 */
export async function launchBrowser(found: FoundBrowser): Promise<Browser> {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const entry: Running = { abort: new AbortController(), profile: fs.mkdtempSync(path.join(os.tmpdir(), "toms-chromium-")) };
  running.add(entry);
  try {
    const browser = await puppeteer.launch({
      executablePath: found.executable,
      headless: true,
      pipe: true,
      args: [...flags, ...(asRoot ? ["--no-sandbox"] : [])],
      timeout: 30_000,
      userDataDir: entry.profile,
      // Aborting kills the browser even while it is still starting (see killBrowsers).
      signal: entry.abort.signal,
      // The build's own handler owns SIGINT and SIGTERM: puppeteer's would exit (SIGINT) or close the browser and
      // let the build go on (SIGTERM) before the staging folder is discarded. SIGHUP: see src/build.ts.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const child = browser.process();
    entry.pid = child?.pid;
    child?.once("exit", () => end(entry));
    return browser;
  } catch (error) {
    end(entry);
    const reason = (error as Error).message.split("\n")[0];
    throw new PdfError(`The browser at ${found.executable} did not start (${reason}). ${noBrowserMessage()}`);
  }
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

/** Kills one browser's process group (it is started as a group leader) and removes its profile. */
export function killBrowser(browser: Browser): void {
  const pid = browser.process()?.pid;
  for (const entry of running) if (entry.pid === pid) end(entry);
}

// puppeteer kills a starting browser's group on abort; a running one is killed here as a whole group, since
// helper processes (zygote, renderers) may outlive a main process that crashed or was killed.
function kill(entry: Running): void {
  entry.abort.abort();
  if (entry.pid === undefined) return;
  try {
    process.kill(-entry.pid, "SIGKILL");
  } catch {
    // The group is gone already.
  }
}

function end(entry: Running): void {
  running.delete(entry);
  kill(entry);
  try {
    // Processes just killed may not have stopped writing yet: removeTree tries again.
    removeTree(entry.profile);
  } catch {
    // A profile left in the temporary folder is no reason to fail (or to skip the rest of a signal's cleanup).
  }
}

// puppeteer's own download, when the install script made one (it is skipped where a system browser exists).
function bundledBrowser(): string | undefined {
  try {
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

/** How many annexes to print at once: one per core, never more than there are annexes. */
export function parallelism(annexes: number): number {
  return Math.max(1, Math.min(annexes, os.availableParallelism()));
}
