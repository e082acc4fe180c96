import { colorFor, terminalWidth } from "../util/terminal.js";

/** How a text report is drawn for a stream: a terminal's colours and width, plain and 120 columns for a file or a CI log. */
export function drawFor(stream: NodeJS.WriteStream): { color: boolean; width?: number } {
  const width = terminalWidth(stream);
  return { color: colorFor(stream), ...(width !== undefined && { width }) };
}
