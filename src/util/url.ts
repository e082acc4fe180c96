/** The scheme of a URL as a browser would see it (case and control characters ignored), or undefined for relative URLs. */
export function protocolOf(url: string): string | undefined {
  // Browsers drop ASCII tab and newline anywhere in a URL and trim control characters and spaces.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1]?.toLowerCase();
}
