import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Site } from "../model.js";
import { PdfError } from "./errors.js";

/**
 * The date a build stamps into its PDFs, so that two builds of the same content give the same bytes:
 * SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the date of the content's last git commit,
 * else the annex's valid_from date at midnight UTC.
 */
export function buildDate(site: Site, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch.trim())) {
      throw new PdfError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "${epoch}".`);
    }
    return new Date(Number(epoch.trim()) * 1000);
  }
  return lastCommitDate(path.dirname(site.file)) ?? new Date(`${site.validFrom}T00:00:00Z`);
}

// The commit time of the last commit touching the content folder; undefined outside git, before the first
// commit, or without git installed.
function lastCommitDate(contentDir: string): Date | undefined {
  try {
    const out = execFileSync("git", ["log", "-1", "--format=%ct", "--", "."], {
      cwd: contentDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return /^\d+$/.test(out) ? new Date(Number(out) * 1000) : undefined;
  } catch {
    return undefined;
  }
}
