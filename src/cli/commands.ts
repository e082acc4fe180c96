/** An option of a command: how it is parsed and how its help describes it. */
export interface OptionSpec {
  name: string;
  type: "string" | "boolean";
  /** The placeholder of its value in the help ("DIR"). */
  value?: string;
  short?: string;
  /** What it does, with its default; one entry per help line. */
  help: string[];
  /** The values it takes, when they are a fixed list. */
  choices?: readonly string[];
  /** It may be given more than once (each value is kept). */
  multiple?: boolean;
}

/** A command of the command line: its options, arguments and help. */
export interface CommandSpec {
  name: string;
  /** One line: what it does. */
  summary: string;
  usage: string;
  options: OptionSpec[];
  /** How many arguments it takes (BASE and HEAD of diff). */
  positionals: { min: number; max: number; problem: string };
  /** Paragraphs after the options. */
  notes: string[];
  examples: [command: string, what: string][];
}

const content: OptionSpec = {
  name: "content",
  type: "string",
  value: "DIR",
  help: ["the folder that holds site.yaml (default: found from here, see below)"],
};
const today: OptionSpec = {
  name: "today",
  type: "string",
  value: "DATE",
  help: ["the day review dates are judged on, YYYY-MM-DD (default: the day of", "SOURCE_DATE_EPOCH when set, else today's date)"],
};
const help: OptionSpec = { name: "help", type: "boolean", short: "h", help: ["show this help"] };

/** Said by every command that looks for the content folder itself. */
const discovery =
  "Without --content, toms looks in this folder and then in each folder above it, up to the top of the git repository, for a folder measures/ or a site.yaml; the first it finds is the content folder.";

/** The commands of toms, in the order `toms help` lists them. */
export const commands: CommandSpec[] = [
  {
    name: "check",
    summary: "check the measures and report every problem at its file, line and column",
    usage: "toms check [--content DIR] [--format text|json|github] [--today DATE]",
    options: [
      content,
      today,
      {
        name: "format",
        type: "string",
        value: "FORMAT",
        choices: ["text", "json", "github"],
        help: [
          "text: each problem with its lines and what to do (default);",
          "json: a list for programs; github: annotations in a GitHub",
          "workflow, and the full list in its job summary",
        ],
      },
      help,
    ],
    positionals: { min: 0, max: 0, problem: "check takes no arguments" },
    notes: [discovery, "Exit status: 0 when there is no error (warnings may be shown), 1 for errors in the content, 2 for wrong usage."],
    examples: [
      ["toms check", "check the content folder of this project"],
      ["toms check --content ../anlage-1", "check another content folder"],
      ["toms check --format github", "in a GitHub workflow"],
    ],
  },
  {
    name: "build",
    summary: "check, then write the HTML and PDF annexes and the index page",
    usage: "toms build [--content DIR] [--out DIR] [--no-pdf] [--no-archive] [--verbose]",
    options: [
      content,
      {
        name: "out",
        type: "string",
        value: "DIR",
        help: ["where the site is written (default: dist beside the content folder;", "with --content: dist here); it is replaced only when complete"],
      },
      { name: "no-pdf", type: "boolean", help: ["write the HTML annexes only (no browser needed)"] },
      { name: "no-archive", type: "boolean", help: ["leave out the folders of published versions (OUT/<version>/)"] },
      { name: "verbose", type: "boolean", help: ["print every step (browser, each PDF, each archived version)"] },
      help,
    ],
    positionals: { min: 0, max: 0, problem: "build takes no arguments" },
    notes: [
      discovery,
      "On any error nothing is written and --out stays as it was. Content that is not committed builds a draft, marked as such.",
      "Exit status: 0 when the site was written, 1 for errors in the content or a failed build, 2 for wrong usage.",
    ],
    examples: [
      ["toms build", "write the site to dist/"],
      ["toms build --no-pdf", "the HTML annexes only, quickly"],
      ["toms build --out public --no-archive", "into public/, without earlier versions"],
    ],
  },
  {
    name: "dev",
    summary: "preview the annexes in the browser while you edit, with problems shown in the page",
    usage: "toms dev [--content DIR] [--port N] [--host HOST] [--no-pdf]",
    options: [
      content,
      { name: "port", type: "string", value: "N", help: ["the port to serve on (default 4321; the next free one when it is", "taken; 0: any free port)"] },
      {
        name: "host",
        type: "string",
        value: "HOST",
        help: ["the address to listen on (default: localhost, this machine only);", "another makes the preview reachable by others"],
      },
      { name: "no-pdf", type: "boolean", help: ["serve the HTML annexes only (no browser started, no PDF links)"] },
      help,
    ],
    positionals: { min: 0, max: 0, problem: "dev takes no arguments" },
    notes: [
      "The first line printed is the address. Each save in the content folder is checked at once: open pages reload by themselves when their text changed, and show the problems, with their source lines, while the content has errors (the terminal shows them too). /<annex>.pdf is printed from the current text. Pages and PDFs say that they are a preview.",
      "Nothing is written into the content folder or dist/. Ctrl-C stops the server and its browser.",
      discovery,
      "Exit status: 0 when stopped with Ctrl-C, 1 when the server cannot start, 2 for wrong usage.",
    ],
    examples: [
      ["toms dev", "preview at http://localhost:4321/"],
      ["toms dev --port 8080 --no-pdf", "another port, HTML only"],
      ["toms dev --content ../anlage-1", "another content folder"],
    ],
  },
  {
    name: "diff",
    summary: "show what changed in each annex between two git revisions",
    usage: "toms diff BASE [HEAD] [--content DIR] [--format markdown|json] [--report FILE]",
    options: [
      content,
      {
        name: "format",
        type: "string",
        value: "FORMAT",
        choices: ["markdown", "json"],
        help: ["markdown: a pull-request comment (default); json: for programs"],
      },
      { name: "report", type: "string", value: "FILE", help: ["also write the full report, never shortened, to FILE"] },
      help,
    ],
    positionals: { min: 1, max: 2, problem: "diff takes BASE and an optional HEAD revision" },
    notes: [
      "BASE and HEAD are git revisions (a branch, tag or commit); without HEAD, the working tree with its uncommitted changes.",
      discovery,
      'Exit status: 0 when the annexes are unchanged or "version" was raised (with its entry in "changes"), 1 for errors in the content, a change without a new version or a new version without its history entry, 2 for wrong usage.',
    ],
    examples: [
      ["toms diff main", "main against the working tree"],
      ["toms diff v2026.1 HEAD", "two commits"],
      ["toms diff main --format json --report diff.json", "for scripts"],
    ],
  },
  {
    name: "status",
    summary: "list each measure's owner, last review and next due date, and what each catalogue misses",
    usage: "toms status [--content DIR] [--today DATE] [--format text|json|markdown]",
    options: [
      content,
      today,
      {
        name: "format",
        type: "string",
        value: "FORMAT",
        choices: ["text", "json", "markdown"],
        help: ["text: for a terminal (default); json: for programs; markdown: the", "body of an issue listing what is due (see the review workflow)"],
      },
      help,
    ],
    positionals: { min: 0, max: 0, problem: "status takes no arguments" },
    notes: [
      'A measure is "overdue" when its last review ("reviewed", its own or its section\'s) is longer ago than review_interval_months of site.yaml, "due" within the 30 days before that, "missing" without a date, else "ok". The list is grouped by owner, so each team sees its own.',
      "Coverage: for each catalogue site.yaml names, how many of its controls each location's annex covers, and which it misses.",
      discovery,
      "Exit status: 0 with the report (whatever it says), 1 for errors in the content, 2 for wrong usage.",
    ],
    examples: [
      ["toms status", "what is due, per owner"],
      ["toms status --today 2027-01-01", "what will be due at the new year"],
      ["toms status --format markdown", "the body of the review issue"],
    ],
  },
  {
    name: "record",
    summary: "record the versions of a deployed site on the branch toms-published",
    usage: "toms record [--out DIR] [--content DIR] [--adopt]",
    options: [
      { name: "out", type: "string", value: "DIR", help: ["the site as deployed (default: dist beside the content folder;", "with --content: dist here)"] },
      content,
      { name: "adopt", type: "boolean", help: ["take a site built by a toms that did not mark drafts"] },
      help,
    ],
    positionals: { min: 0, max: 0, problem: "record takes no arguments" },
    notes: [
      "Run by the Pages workflow after the deployment; push the branch toms-published afterwards.",
      discovery,
      "Exit status: 0 when recorded (or nothing was new), 1 when refused (a draft, changed files), 2 for wrong usage.",
    ],
    examples: [
      ["toms record --out deployed-site", "record what the workflow deployed"],
      ["toms record --adopt", "record dist/ of an older toms"],
    ],
  },
  {
    name: "init",
    summary: "start a new annex: a content repository with the usual checklist to fill in",
    usage: "toms init [DIR] [--lang de|en] [--organisation NAME] [--location ID=NAME ... | --one-scope]",
    options: [
      {
        name: "lang",
        type: "string",
        value: "LANG",
        choices: ["de", "en"],
        help: ["the language of the annex: de (default) or en"],
      },
      { name: "organisation", type: "string", value: "NAME", help: ["the processor's legal name, as on its letterhead"] },
      {
        name: "location",
        type: "string",
        value: "ID=NAME",
        multiple: true,
        help: ["a place where data is processed, with an annex of its own;", "once per location (NAME alone: its id is made from it)"],
      },
      { name: "one-scope", type: "boolean", help: ["a single annex for everything, without locations"] },
      help,
    ],
    positionals: { min: 0, max: 1, problem: "init takes one folder" },
    notes: [
      "Writes into DIR (default: this folder; made if need be) measures/ with site.yaml, a preamble and one section file per control of Art. 32(1) GDPR, each with placeholder measures to replace and held against the catalogue art32; package.json with the scripts check, build and dev (an existing one keeps what it has and gets what it lacks); README.md; .gitignore; and the GitHub workflows for pull requests, Pages and the weekly review status. Right after, toms check warns about each placeholder and about nothing else.",
      "Nothing is overwritten: a folder that already holds a content folder, or one of these files, is refused. On a terminal, toms init asks for what the options leave out; elsewhere it needs --organisation and at least one --location, or --one-scope.",
      "Exit status: 0 when written, 2 for wrong usage (nothing written).",
    ],
    examples: [
      ["toms init", "ask, then write into this folder"],
      ['toms init anlage --organisation "Beispiel GmbH" --location berlin=Berlin', "into anlage/, asking nothing"],
      ['toms init anlage --organisation "Beispiel GmbH" --one-scope', "one annex, no locations"],
    ],
  },
  {
    name: "import",
    summary: "draft a content folder from an existing annex (.docx, .html or .md)",
    usage: "toms import FILE [--out DIR] [--lang LANG]",
    options: [
      { name: "out", type: "string", value: "DIR", help: ["the content folder to write (default: measures): a new or an", "empty folder"] },
      { name: "lang", type: "string", value: "LANG", help: ["the language of the annex, e.g. de, en, fr (default: guessed", "from the text)"] },
      help,
    ],
    positionals: { min: 1, max: 1, problem: "import takes one file: the annex to import" },
    notes: [
      'Numbered groups "(1) …" and lettered sections "a) …" become groups and section files; without them, heading levels do. Paragraphs, lists and tables become measures, with bold, italics and links kept. The report lists what to fill in and everything that could not be placed, with the line or paragraph it was at.',
      "Exit status: 0 when the draft was written, 2 for wrong usage (an unknown or unreadable file, a folder that already holds files).",
    ],
    examples: [
      ["toms import anlage-1.docx", "draft measures/ from a Word file"],
      ["toms import toms.html --out entwurf", "from a saved web page, into entwurf/"],
      ["toms import test/fixtures/import/headings/input.md --lang en --out example", "from Markdown (this repository's example), in English"],
    ],
  },
];

/** The options every command takes, and toms without a command. */
export const globalOptions: OptionSpec[] = [
  { name: "help", type: "boolean", short: "h", help: ['show help; "toms help COMMAND" shows a command\'s options and examples'] },
  { name: "version", type: "boolean", help: ["print the version of toms"] },
];

/** The help of toms: its commands. */
export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'toms: the annex "Technische und organisatorische Schutzmaßnahmen" (Art. 32 GDPR) as docs-as-code',
    "",
    "Usage: toms COMMAND [OPTIONS]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    ...optionLines(globalOptions),
    "",
    'Run "toms help COMMAND" (or "toms COMMAND --help") for the options and examples of a command.',
    "",
  ].join("\n");
}

/** The help of one command: what it does, usage, options with defaults, notes and examples. */
export function commandHelp(spec: CommandSpec): string {
  const width = Math.max(...spec.examples.map(([command]) => command.length));
  return [
    `toms ${spec.name}: ${spec.summary}`,
    "",
    `Usage: ${spec.usage}`,
    "",
    "Options:",
    ...optionLines(spec.options),
    "",
    ...spec.notes.flatMap((note) => [...wrap(note, 80), ""]),
    "Examples:",
    ...spec.examples.map(([command, what]) => `  ${command.padEnd(width)}  # ${what}`),
    "",
  ].join("\n");
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const label = (o: OptionSpec) => `${o.short ? `-${o.short}, ` : ""}--${o.name}${o.value ? ` ${o.value}` : ""}`;
  const width = Math.max(...options.map((o) => label(o).length));
  return options.flatMap((o) => o.help.map((line, i) => `  ${(i === 0 ? label(o) : "").padEnd(width)}  ${line}`));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
