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
    const problem = sourceDateEpochProblem(epoch);
    if (problem) throw new PdfError(problem);
    return new Date(Number(epoch.trim()) * 1000);
  }
  return lastCommitDate(path.dirname(site.file)) ?? new Date(`${site.validFrom}T00:00:00Z`);
}

/** The last second a PDF date can carry: its year has four digits (D:YYYYMMDDHHmmSS). */
export const maxEpoch = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

/** Why a SOURCE_DATE_EPOCH value cannot date a PDF, or undefined when it can. */
export function sourceDateEpochProblem(epoch: string): string | undefined {
  if (!/^\d+$/.test(epoch.trim())) return `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "${epoch}".`;
  if (Number(epoch.trim()) > maxEpoch) {
    return `SOURCE_DATE_EPOCH ${epoch.trim()} is after 9999-12-31 23:59:59 UTC; a PDF date has a four-digit year, so it must lie between 0 and ${maxEpoch}.`;
  }
  return undefined;
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
    // A commit dated past the year 9999 cannot date a PDF either: valid_from does.
    return /^\d+$/.test(out) && Number(out) <= maxEpoch ? new Date(Number(out) * 1000) : undefined;
  } catch {
    return undefined;
  }
}
