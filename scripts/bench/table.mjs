// Plain aligned text tables for the benchmark report (numbers right-aligned, text left-aligned).

/** Formats milliseconds as "1234 ms" (one decimal below 10 ms). */
export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return "–";
  return `${Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** Formats kilobytes as megabytes. */
export function mb(kb) {
  return kb === undefined || Number.isNaN(kb) ? "–" : `${Math.round(kb / 1024)} MB`;
}

/** Formats a ratio as "1.23×". */
export function ratio(value) {
  return value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(2)}×`;
}

/** ✓ or ✗ for a target, blank when there is none. */
export function mark(ok) {
  return ok === undefined ? "" : ok ? "✓" : "✗";
}

/**
 * Renders rows (arrays of cells; a string row is a section heading) under `headers`. Columns listed in
 * `left` are left-aligned, the others right-aligned.
 */
export function table(headers, rows, left = [0]) {
  const cells = rows.filter((r) => typeof r !== "string");
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ""))));
  const line = (r) =>
    r
      .map((c, i) => (left.includes(i) ? pad(c ?? "", widths[i], "end") : pad(c ?? "", widths[i], "start")))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const out = [line(headers), rule];
  for (const r of rows) out.push(typeof r === "string" ? `${r}` : line(r));
  return out.join("\n");
}

// Display width: ✓, ✗ and × are one column each, like every other character here.
function width(text) {
  return [...String(text)].length;
}

function pad(text, size, side) {
  const fill = " ".repeat(Math.max(0, size - width(text)));
  return side === "end" ? String(text) + fill : fill + String(text);
}
