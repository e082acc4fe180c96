/**
 * A text as a slug: lower case, German umlauts and ß spelt out, other accents dropped, every other run of
 * characters outside `keep` (default letters and digits) turned into one hyphen, no hyphen at either end.
 */
export function slug(text: string, keep = /[^a-z0-9]+/g): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(keep, "-")
    .replace(/^-+|-+$/g, "");
}
