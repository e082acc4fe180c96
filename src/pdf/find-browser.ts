import fs from "node:fs";
import path from "node:path";

/** A browser executable to print with, and how it was found (shown in the build output). */
export interface FoundBrowser {
  executable: string;
  source: "PUPPETEER_EXECUTABLE_PATH" | "system" | "puppeteer";
}

/** Where a machine's own Chrome or Chromium usually lives; .puppeteerrc.cjs keeps the same list (a test compares). */
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
  /** Path of puppeteer's own downloaded browser, if puppeteer knows one. */
  bundled: () => string | undefined;
  exists: (file: string) => boolean;
}

/**
 * Finds the browser with no configuration: PUPPETEER_EXECUTABLE_PATH, then an installed Chrome/Chromium,
 * then puppeteer's own download. An explicit PUPPETEER_EXECUTABLE_PATH that does not exist is not
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
