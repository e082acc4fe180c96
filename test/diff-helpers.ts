import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A real git repository in a temporary folder, for `toms diff` tests. */
export interface TestRepo {
  dir: string;
  /** Writes files (path relative to the repository → text); null deletes. */
  write(files: Record<string, string | null>): void;
  /** Replaces text in a file; fails the test when the text is not there (a fixture would silently stop testing). */
  edit(file: string, from: string, to: string): void;
  /** Commits everything and returns the commit id; `date` (ISO) sets author and committer date, else the fixed one. */
  commit(message: string, date?: string): string;
  git(...args: string[]): string;
  remove(): void;
}

// Fixed identity and dates: commits are the same on every run and machine.
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.org",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.org",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Creates an empty repository (branch main) in a new temporary folder. */
export function makeRepo(): TestRepo {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "toms-diff-")));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" });
  // git log orders by committer date: scenarios of several branches need distinct dates.
  const gitAt = (date: string, ...args: string[]) =>
    execFileSync("git", args, { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  const repo: TestRepo = {
    dir,
    git,
    write(files) {
      for (const [file, text] of Object.entries(files)) {
        const full = path.join(dir, file);
        if (text === null) fs.rmSync(full, { force: true });
        else {
          fs.mkdirSync(path.dirname(full), { recursive: true });
          fs.writeFileSync(full, text);
        }
      }
    },
    edit(file, from, to) {
      const full = path.join(dir, file);
      const text = fs.readFileSync(full, "utf8");
      if (!text.includes(from)) throw new Error(`fixture: "${from}" is not in ${file}`);
      fs.writeFileSync(full, text.replace(from, to));
    },
    commit(message, date) {
      git("add", "-A");
      if (date) gitAt(date, "commit", "-q", "--allow-empty", "-m", message);
      else git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  return repo;
}

/** Copies a folder into the repository. */
export function copyInto(repo: TestRepo, from: string, to: string): void {
  fs.cpSync(from, path.join(repo.dir, to), { recursive: true });
}

/** A small content folder: two locations, a location-specific measure for each, one reused (`ref`) measure. */
export const smallContent: Record<string, string> = {
  "measures/site.yaml": `title: "Anlage 1"
lang: de
organisation:
  name: Beispiel GmbH
version: "1.0"
valid_from: 2099-01-01
changes:
  - version: "1.0"
    date: 2099-01-01
    summary: "Erste Fassung."
groups:
  - id: vertraulichkeit
    title: "Vertraulichkeit"
  - id: verfuegbarkeit
    title: "Verfügbarkeit"
locations:
  - id: berlin
    name: "Rechenzentrum Berlin"
  - id: aws
    name: "AWS Frankfurt"
`,
  "measures/zutritt.yaml": `id: zutritt
group: vertraulichkeit
title: "Zutrittskontrolle"
order: 1
measures:
  - id: tuer
    title: "Türen"
    text: |
      Alle Türen sind verschlossen.
  - id: chip
    locations: [berlin]
    text: |
      Der Zutritt erfolgt mit Chip und PIN.
  - id: wache
    locations: [aws]
    text: |
      Wachleute kontrollieren den Zutritt.
`,
  "measures/zugang.yaml": `id: zugang
group: vertraulichkeit
title: "Zugangskontrolle"
order: 2
measures:
  - id: passwort
    text: |
      Passwörter haben mindestens zwölf Zeichen.
`,
  "measures/backup.yaml": `id: backup
group: verfuegbarkeit
title: "Verfügbarkeit"
heading: false
measures:
  - id: sicherung
    locations: [berlin]
    text: |
      Die Daten werden täglich gesichert.

      Die Sicherungen liegen im Safe.
  - id: wiederherstellung
    ref: sicherung
`,
};
