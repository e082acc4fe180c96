import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A browser executable to print with, and how it was found (shown in the build output). */
export interface FoundBrowser {
  executable: string;
  source: "PUPPETEER_EXECUTABLE_PATH" | "system" | "puppeteer";
}

/** Where a machine's own Chrome or Chromium usually lives. */
export function systemBrowserPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === "darwin") {
    return ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"];
  }
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.map((root) => path.win32.join(root, "Google", "Chrome", "Application", "chrome.exe"));
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/snap/bin/chromium",
  ];
}

/** Where to look, injectable so tests can describe a machine without any browser. */
export interface BrowserSearch {
  env: NodeJS.ProcessEnv;
  system: string[];
  /** Path of a Chrome downloaded into puppeteer's cache (see cachedChrome), if there is one. */
  bundled: () => string | undefined;
  exists: (file: string) => boolean;
}

/**
 * Finds the browser with no configuration: PUPPETEER_EXECUTABLE_PATH, then an installed Chrome/Chromium,
 * then a Chrome downloaded into puppeteer's cache. An explicit PUPPETEER_EXECUTABLE_PATH that does not exist is not
 * skipped silently: the caller reports it.
 */
export function findBrowser(search: BrowserSearch): FoundBrowser | { missing: string } | undefined {
  const explicit = search.env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) return search.exists(explicit) ? { executable: explicit, source: "PUPPETEER_EXECUTABLE_PATH" } : { missing: explicit };
  const system = search.system.find(search.exists);
  if (system) return { executable: system, source: "system" };
  const bundled = search.bundled();
  return bundled && search.exists(bundled) ? { executable: bundled, source: "puppeteer" } : undefined;
}

/** True for an existing regular file (or a link to one). */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where puppeteer keeps the browsers it downloads, and where `npx @puppeteer/browsers install --path` puts one:
 * PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer (puppeteer's default). A machine that ran puppeteer has its Chrome there.
 */
export function puppeteerCacheDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return env.PUPPETEER_CACHE_DIR || path.join(home, ".cache", "puppeteer");
}

/**
 * The Chrome for Testing in puppeteer's cache that toms prints with: the build puppeteer-core is tested with when it
 * is there, else the newest for this platform. Loads @puppeteer/browsers, so only called when no system browser exists.
 */
export async function cachedChrome(cacheDir: string, preferred: string): Promise<string | undefined> {
  const { Browser, detectBrowserPlatform, getInstalledBrowsers, getVersionComparator } = await import("@puppeteer/browsers");
  const platform = detectBrowserPlatform();
  let installed: Awaited<ReturnType<typeof getInstalledBrowsers>>;
  try {
    installed = await getInstalledBrowsers({ cacheDir });
  } catch {
    // An unreadable cache is a cache without browsers: the caller then says how to get one.
    return undefined;
  }
  const newest = getVersionComparator(Browser.CHROME);
  const chrome = installed
    .filter((b) => b.browser === Browser.CHROME && b.platform === platform)
    .sort((a, b) => Number(b.buildId === preferred) - Number(a.buildId === preferred) || newest(b.buildId, a.buildId));
  return chrome[0]?.executablePath;
}

/** The build of Chrome for Testing this puppeteer-core is made for: what the message about a missing browser offers to install. */
export async function testedChromeBuild(): Promise<string> {
  const { PUPPETEER_REVISIONS } = await import("puppeteer-core/internal/revisions.js");
  return PUPPETEER_REVISIONS.chrome;
}
