import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rules } from "../src/diagnostics/rules.js";
import { checklist } from "../src/init/checklist.js";
import { makeRepo } from "./diff-helpers.js";
import { listFiles, tempDir } from "./helpers/tmp.js";

// `toms init` as a company meets it: a real process (bin/toms.js, the compiled bundle) writing into real folders,
// then `toms check`, `toms build` and `toms diff` on what it wrote.
const repo = path.join(import.meta.dirname, "..");
const bin = path.join(repo, "bin/toms.js");
const tmp = tempDir("toms-init-");
afterAll(tmp.cleanup);
const version = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).version as string;

function toms(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const folder = (name: string) => {
  const dir = path.join(tmp.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};
const alpenwerk = [
  "--lang",
  "en",
  "--organisation",
  "Alpenwerk Cloud GmbH",
  "--location",
  "falkenstein=Hetzner Falkenstein",
  "--location",
  "azure=Azure West Europe",
];
const controls = (lang: "de" | "en") => checklist(lang).groups.flatMap((g) => g.controls);

describe("toms init DIR --lang en --organisation … --location …", () => {
  const dir = path.join(tmp.dir, "alpenwerk");
  const run = toms(tmp.dir, "init", "alpenwerk", ...alpenwerk);

  it("writes the content repository and says what to do next", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(listFiles(dir)).toEqual(
      [
        ".github/workflows/pages.yml",
        ".github/workflows/pull-request.yml",
        ".github/workflows/review.yml",
        ".gitignore",
        "README.md",
        "measures/1-pseudonymisation-encryption/encryption.yaml",
        "measures/1-pseudonymisation-encryption/pseudonymisation.yaml",
        "measures/2-confidentiality/data-access-control.yaml",
        "measures/2-confidentiality/physical-access-control.yaml",
        "measures/2-confidentiality/separation-control.yaml",
        "measures/2-confidentiality/system-access-control.yaml",
        "measures/3-integrity/input-control.yaml",
        "measures/3-integrity/transfer-control.yaml",
        "measures/4-availability-resilience/availability-control.yaml",
        "measures/4-availability-resilience/resilience.yaml",
        "measures/5-restore/recoverability.yaml",
        "measures/6-review/data-protection-by-default.yaml",
        "measures/6-review/data-protection-management.yaml",
        "measures/6-review/incident-response.yaml",
        "measures/6-review/processor-control.yaml",
        "measures/preamble.md",
        "measures/site.yaml",
        "package.json",
      ].sort(),
    );
    expect(run.stdout).toContain("✓ toms init wrote the annex of Alpenwerk Cloud GmbH into alpenwerk:");
    expect(run.stdout).toContain("  cd alpenwerk\n  npm install     # installs toms\n  npx toms check  # 16 placeholders to replace");
  });

  it("gives package.json the scripts and toms of the running version", () => {
    expect(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))).toEqual({
      name: "alpenwerk",
      private: true,
      scripts: { check: "toms check", build: "toms build", dev: "toms dev" },
      devDependencies: { toms: `^${version}` },
    });
  });

  it("copies the workflows of the toms package unchanged, and ignores what is installed and built", () => {
    for (const name of ["pages.yml", "pull-request.yml", "review.yml"]) {
      expect(fs.readFileSync(path.join(dir, ".github/workflows", name), "utf8")).toBe(fs.readFileSync(path.join(repo, ".github/workflows", name), "utf8"));
    }
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).toBe("node_modules/\ndist/\n.dist-*/\n");
  });

  it("names the installed schemas in the first line of every YAML file, for editors", () => {
    const yaml = listFiles(path.join(dir, "measures")).filter((f) => f.endsWith(".yaml"));
    for (const file of yaml) {
      const first = fs.readFileSync(path.join(dir, "measures", file), "utf8").split("\n")[0] ?? "";
      const target = path.resolve(path.dirname(path.join(dir, "measures", file)), first.replace("# yaml-language-server: $schema=", ""));
      const schema = file === "site.yaml" ? "site.schema.json" : "section.schema.json";
      expect(path.relative(dir, target), file).toBe(`node_modules/toms/schemas/${schema}`);
    }
  });

  it("passes toms check with exit 0 and one placeholder warning per placeholder, nothing else", () => {
    const check = toms(dir, "check", "--format", "json");
    expect(check.code).toBe(0);
    const problems = JSON.parse(check.stdout) as { rule: string; severity: string; message: string; file: string }[];
    // One per control, and physical access once per location.
    expect(problems.length).toBe(controls("en").length - 1 + 2);
    expect(new Set(problems.map((p) => `${p.severity} ${p.rule}`))).toEqual(new Set(["warning placeholder"]));
    expect(problems.map((p) => p.message)).toContain('The measure "physical-access-azure" is still a placeholder; pages and PDFs mark it as not yet written.');
    expect(rules.placeholder.severity).toBe("warning");
  });

  it("gives every control of the usual checklist, Auftragskontrolle included, a placeholder that asks an auditor's questions", () => {
    for (const lang of ["de", "en"] as const) {
      expect(controls(lang).length).toBe(15);
      for (const control of controls(lang)) {
        // One sentence saying what a real measure describes, then questions.
        expect(control.placeholder, control.id).toMatch(/^(Describe here|Beschreiben Sie hier)[^?]+\. [^.]*\?( [^.]+\?)*$/);
      }
    }
    expect(controls("de").map((c) => c.title)).toContain("Auftragskontrolle");
    expect(controls("en").map((c) => c.id)).toEqual(expect.arrayContaining(["processor-control", "physical-access-control", "recoverability"]));
  });

  it("builds HTML pages that name the company and mark each placeholder as not yet written", () => {
    const build = toms(dir, "build", "--no-pdf");
    expect(build.code).toBe(0);
    const page = fs.readFileSync(path.join(dir, "dist/falkenstein.html"), "utf8");
    expect(page).toContain("Alpenwerk Cloud GmbH");
    expect(page).toContain("Hetzner Falkenstein");
    // Every placeholder that applies in Falkenstein: all but Azure's physical access.
    expect(page.split("Placeholder – not yet written").length - 1).toBe(controls("en").length);
    expect(page).toContain('<div class="measure placeholder" id="measure-physical-access-falkenstein">');
  });
});

describe("toms init --one-scope", () => {
  it("writes one annex without locations, one physical-access placeholder, and the art32 coverage; it checks and builds", () => {
    const dir = folder("eins");
    const run = toms(dir, "init", "--lang", "en", "--organisation", "Eins GmbH", "--one-scope");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const site = fs.readFileSync(path.join(dir, "measures/site.yaml"), "utf8");
    expect(site).not.toContain("locations:");
    expect(site).toContain("catalogues: [art32]\n");
    expect(fs.readFileSync(path.join(dir, "measures/preamble.md"), "utf8")).not.toContain("location");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toContain("The annex has one scope.");
    const access = fs.readFileSync(path.join(dir, "measures/2-confidentiality/physical-access-control.yaml"), "utf8");
    expect(access).toContain("covers: [art32:confidentiality]\n");
    expect(access).toContain("  - id: physical-access-control\n    placeholder: true\n");
    const check = toms(dir, "check", "--format", "json");
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as { rule: string }[]).map((p) => p.rule)).toEqual(Array(15).fill("placeholder"));
    expect(toms(dir, "build", "--no-pdf").code).toBe(0);
    expect(listFiles(path.join(dir, "dist")).filter((f) => f.endsWith(".html"))).toEqual(["all.html", "index.html"]);
    // Either, not both.
    const both = toms(folder("beides"), "init", "--organisation", "X GmbH", "--one-scope", "--location", "a=A");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give --one-scope or --location, not both");
  });
});

describe("toms init in German", () => {
  it("writes the checklist in German, with Auftragskontrolle, and checks with placeholder warnings only", () => {
    const dir = folder("anlage");
    const run = toms(dir, "init", "--organisation", "Beispiel Rechenzentren GmbH", "--location", "Rechenzentrum Nürnberg");
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "measures/site.yaml"), "utf8")).toContain('  - id: rechenzentrum-nuernberg\n    name: "Rechenzentrum Nürnberg"\n');
    expect(fs.readFileSync(path.join(dir, "measures/6-ueberpruefung/auftragskontrolle.yaml"), "utf8")).toContain('title: "Auftragskontrolle"');
    const check = toms(dir, "check", "--format", "json");
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as { rule: string }[]).map((p) => p.rule)).toEqual(Array(15).fill("placeholder"));
    expect(toms(dir, "build", "--no-pdf").code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "dist/all.html"), "utf8")).toContain("Platzhalter – noch nicht ausgefüllt");
  });
});

describe("toms init refuses, writing nothing", () => {
  const refused = (dir: string, args: string[], stderr: string | RegExp) => {
    const before = listFiles(dir);
    const run = toms(dir, "init", ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    if (typeof stderr === "string") expect(run.stderr).toBe(stderr);
    else expect(run.stderr).toMatch(stderr);
    expect(listFiles(dir)).toEqual(before);
  };

  it("a folder that holds a content folder", () => {
    const dir = folder("has-content");
    fs.mkdirSync(path.join(dir, "measures"));
    fs.writeFileSync(path.join(dir, "measures/site.yaml"), "title: x\n");
    refused(dir, alpenwerk, 'toms: "." already holds a content folder (measures); toms init starts a new one only where there is none.\n');
  });

  it("a folder that holds a file init would write, and names it", () => {
    const dir = folder("has-readme");
    fs.writeFileSync(path.join(dir, "README.md"), "# Ours\n");
    refused(dir, alpenwerk, "toms: README.md already exists, and toms init never overwrites a file; move it away and run toms init again.\n");
    const workflows = folder("has-workflow");
    fs.mkdirSync(path.join(workflows, ".github/workflows"), { recursive: true });
    fs.writeFileSync(path.join(workflows, ".github/workflows/pages.yml"), "name: ours\n");
    refused(workflows, alpenwerk, /^toms: \.github\/workflows\/pages\.yml already exists/);
  });

  it("location ids that are no ids, reserved or given twice, and names toms cannot print", () => {
    const dir = folder("bad-answers");
    const org = ["--organisation", "X GmbH"];
    refused(dir, [...org, "--location", "Falken Stein=Hetzner"], /^toms: the location id "Falken Stein" is not an id: .* \(e\.g\. "falken-stein"\)\.\n$/);
    refused(dir, [...org, "--location", "all=Everything"], 'toms: "all" cannot be a location id: toms names the combined annex so.\n');
    refused(dir, [...org, "--location", "a=A", "--location", "a=B"], 'toms: the location id "a" is given twice.\n');
    refused(dir, [...org, "--location", "=A"], /^toms: --location "=A" needs an id and a name, as ID=NAME/);
    // Passes init's own questions, but not the check of the content: the check's words say why.
    refused(
      dir,
      ["--organisation", "数据 GmbH", "--location", "a=A"],
      /^toms: the new annex would not pass toms check: .*数据.* \(in measures\/site\.yaml\)\.\n$/,
    );
  });

  it("when there is no terminal to ask and the options leave something out (wrong usage)", () => {
    const dir = folder("no-terminal");
    refused(
      dir,
      ["--organisation", "X GmbH"],
      'toms: init needs --organisation and at least one --location (or --one-scope) here (there is no terminal to ask for them)\nRun "toms help init" for its options and examples.\n',
    );
  });
});

describe("toms init beside an existing package.json", () => {
  it("keeps every entry and the way toms is installed, and adds only the scripts missing", () => {
    const dir = folder("with-package");
    const existing = {
      name: "our-annex",
      version: "1.0.0",
      scripts: { build: "make site", test: "echo ok" },
      dependencies: { toms: "file:vendor/toms.tgz" },
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(existing, null, 4)}\n`);
    const run = toms(dir, "init", ...alpenwerk);
    expect(run.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "package.json"), "utf8");
    expect(JSON.parse(text)).toEqual({ ...existing, scripts: { build: "make site", test: "echo ok", check: "toms check", dev: "toms dev" } });
    expect(text.startsWith('{\n    "name"')).toBe(true);
    expect(run.stdout).toContain('toms: package.json already has a script "build"; it was kept (toms\'s would run "toms build").');
  });

  it("warns when toms is installed from a file outside the repository, where CI cannot find it", () => {
    const dir = folder("outside/annex");
    fs.writeFileSync(path.join(dir, "package.json"), '{ "dependencies": { "toms": "file:../toms-0.1.0.tgz" } }\n');
    const run = toms(dir, "init", ...alpenwerk);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("toms: package.json installs toms from file:../toms-0.1.0.tgz, outside this repository");
  });
});

describe("a placeholder replaced", () => {
  it("is no longer warned about or marked, and toms diff reports the change", () => {
    const git = makeRepo();
    try {
      expect(toms(git.dir, "init", ...alpenwerk).code).toBe(0);
      git.commit("toms init");
      const file = "measures/2-confidentiality/separation-control.yaml";
      const text = fs.readFileSync(path.join(git.dir, file), "utf8");
      fs.writeFileSync(
        path.join(git.dir, file),
        text.replace("    placeholder: true\n", "").replace(/Describe here how personal data collected.*\n/, "Each customer has a database of its own.\n"),
      );
      const check = JSON.parse(toms(git.dir, "check", "--format", "json").stdout) as { message: string }[];
      expect(check.length).toBe(15);
      expect(check.map((p) => p.message).filter((m) => m.includes('"separation-control"'))).toEqual([]);
      const diff = toms(git.dir, "diff", "HEAD");
      expect(diff.stdout).toContain("No longer marked as a placeholder.");
      expect(diff.stdout).toContain("**Each customer has a** database");
      expect(toms(git.dir, "build", "--no-pdf", "--out", "site").code).toBe(0);
      const page = fs.readFileSync(path.join(git.dir, "site/all.html"), "utf8");
      expect(page).toContain('<div class="measure" id="measure-separation-control">');
    } finally {
      git.remove();
    }
  });
});

// On a terminal, init asks. `script` gives it one (a pseudo-terminal); answers are typed once each question shows.
describe("toms init on a terminal", () => {
  it.skipIf(spawnSync("script", ["--version"]).status !== 0)("asks for the organisation, the language and the locations", async () => {
    const dir = folder("asked");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} init`;
    const child = spawn("script", ["-qefc", command, "/dev/null"], { cwd: dir, env: { ...process.env, TERM: "dumb" } });
    let screen = "";
    const answers: [RegExp, string][] = [
      [/Organisation \(.*\): $/, "Nordwind Hosting GmbH"],
      [/Language of the annex, de or en \[de\]: $/, "fr"],
      [/toms init writes de or en\.\r?\n.*Language of the annex, de or en \[de\]: $/s, "en"],
      [/Location 1: $/, "Hamburg Eins"],
      [/ id, for file names and "locations: \[id\]" \[hamburg-eins\]: $/, ""],
      [/Location 2: $/, "Kiel"],
      [/\[kiel\]: $/, "ALL"],
      [/is not an id.*\[kiel\]: $/s, "all"],
      [/cannot be a location id.*\[kiel\]: $/s, ""],
      [/Location 3: $/, ""],
    ];
    const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
      const [expected, answer] = answers[0] ?? [];
      if (expected?.test(screen)) {
        answers.shift();
        screen = "";
        child.stdin.write(`${answer}\r`);
      }
    });
    expect(await ended).toBe(0);
    expect(answers).toEqual([]);
    const site = fs.readFileSync(path.join(dir, "measures/site.yaml"), "utf8");
    expect(site).toContain('lang: en\norganisation:\n  name: "Nordwind Hosting GmbH"');
    expect(site).toContain('  - id: hamburg-eins\n    name: "Hamburg Eins"\n  - id: kiel\n    name: "Kiel"\n');
    expect(screen).toContain("✓ toms init wrote the annex of Nordwind Hosting GmbH into this folder:");
  });
});
