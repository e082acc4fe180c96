import { type CommandSpec, commands, globalOptions, type OptionSpec } from "../cli/commands.js";
import { cell, codeBlock, generatedNote } from "./markdown.js";

/** docs/commands.md: every command of src/cli/commands.ts (what `toms help COMMAND` prints) as a page. */
export function commandsPage(): string {
  const lines = [
    generatedNote("src/cli/commands.ts"),
    "",
    "# Commands",
    "",
    "Run them with `npx toms COMMAND` in a project that has toms installed. `toms help COMMAND` (or `toms COMMAND --help`)",
    "prints the same as this page. Wrong usage (an unknown option, a missing argument, a folder that is not there) exits",
    "with status 2 and says what is wrong; problems in the content exit with 1.",
    "",
    "| command | what it does |",
    "| --- | --- |",
    ...commands.map((c) => `| [\`toms ${c.name}\`](#toms-${c.name}) | ${cell(c.summary)} |`),
    "",
    "Every command also takes:",
    "",
    optionTable(globalOptions),
    "",
  ];
  for (const command of commands) lines.push(...commandSection(command));
  return `${lines.join("\n").trimEnd()}\n`;
}

function commandSection(command: CommandSpec): string[] {
  const width = Math.max(...command.examples.map(([example]) => example.length));
  return [
    `## toms ${command.name}`,
    "",
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    "",
    codeBlock(command.usage, "sh"),
    "",
    optionTable(command.options),
    "",
    ...command.notes.flatMap((note) => [note, ""]),
    "Examples:",
    "",
    codeBlock(command.examples.map(([example, what]) => `${example.padEnd(width)}  # ${what}`).join("\n"), "sh"),
    "",
  ];
}

function optionTable(options: readonly OptionSpec[]): string {
  const rows = options.map((o) => {
    const name = `${o.short ? `\`-${o.short}\`, ` : ""}\`--${o.name}${o.value ? ` ${o.value}` : ""}\``;
    const choices = o.choices ? ` (one of ${o.choices.map((c) => `\`${c}\``).join(", ")})` : "";
    return `| ${name} | ${cell(o.help.join(" "))}${choices} |`;
  });
  return ["| option | what it does |", "| --- | --- |", ...rows].join("\n");
}
