/** A YAML mapping read as a plain object. */
export type Fields = Record<string, unknown>;

/** Whether a value is a mapping (not a list, not a scalar). */
export function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as text, or undefined when it is not text. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The value as a list, or an empty list. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
