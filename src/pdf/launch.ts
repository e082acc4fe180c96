import os from "node:os";
import puppeteer, { type Browser } from "puppeteer";
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

/** Starts one headless browser for the whole build. */
export async function launchBrowser(found: FoundBrowser): Promise<Browser> {
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  try {
    return await puppeteer.launch({
      executablePath: found.executable,
      headless: true,
      pipe: true,
      args: [...flags, ...(asRoot ? ["--no-sandbox"] : [])],
      timeout: 30_000,
    });
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new PdfError(`The browser at ${found.executable} did not start (${reason}). ${noBrowserMessage()}`);
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
