import { domainToASCII, domainToUnicode } from "node:url";
import type { Root } from "mdast";
import type { Diagnostics } from "../diagnostics/diagnostic.js";
import { type Said, say } from "../diagnostics/say.js";
import type { LoadedContent } from "../load/load.js";
import type { YamlFile } from "../load/yaml-file.js";
import { placeAt } from "../load/yaml-path.js";
import { isFields, list } from "../util/guards.js";
import { mdastText, walkMdast } from "../util/mdast-walk.js";
import { mixesLookAlikes, scriptsOf } from "../util/scripts.js";
import { protocolOf } from "../util/url.js";
import type { ReportAt } from "./markdown-fidelity.js";

/**
 * Links a reader of the published annex could be deceived by or cannot follow: a link to a file next to the
 * annex (the site and the PDF have none), link text that is itself an address other than the one it leads to,
 * and host names that imitate another with look-alike letters (Cyrillic а for Latin a, punycode xn--).
 */
export function checkLinks(tree: Root, report: ReportAt): void {
  // A reference link leads where its definition says; an unused definition is reported as such (markdown-fidelity).
  const targets = new Map<string, string>();
  walkMdast(tree, (node) => {
    if (node.type === "definition" && !targets.has(node.identifier)) targets.set(node.identifier, node.url);
  });
  walkMdast(tree, (node) => {
    if (node.type !== "link" && node.type !== "linkReference") return;
    const url = node.type === "link" ? node.url : targets.get(node.identifier);
    if (url === undefined) return;
    const offset = node.position?.start.offset ?? 0;
    const scheme = protocolOf(url);
    if (scheme === undefined && !url.startsWith("#") && !url.startsWith("//")) {
      report(say["link-target"].file({ url }), offset);
      return;
    }
    checkHost(url, (said) => report(said, offset));
    checkLinkText(mdastText(node).trim(), url, (said) => report(said, offset));
  });
}

/**
 * The addresses written in fields of the content files rather than in Markdown, which the annex links to all the
 * same: site.yaml's site_url (the PDFs' links, the feed), the organisation's, each location's and each
 * certification's url (their names link there), an own catalogue's source url. Each is checked as a Markdown link
 * is (checkHost), at its value; a name that is itself another address is reported at the name (checkLinkText).
 */
export function checkAddressFields(content: LoadedContent, diagnostics: Diagnostics): void {
  const at = (file: YamlFile, pointer: (string | number)[]) => (said: Said) => diagnostics.add(said, placeAt(file, pointer));
  const address = (file: YamlFile, fields: unknown, pointer: (string | number)[], named: boolean) => {
    if (!isFields(fields) || typeof fields.url !== "string") return;
    const url = fields.url;
    checkHost(url, at(file, [...pointer, "url"]));
    if (!named) return;
    // The name is the link's text, in each language it is written in ({ de: …, en: … }).
    const names: [string[], unknown][] = isFields(fields.name) ? Object.entries(fields.name).map(([lang, name]) => [[lang], name]) : [[[], fields.name]];
    for (const [language, name] of names) {
      if (typeof name === "string") checkLinkText(name.trim(), url, at(file, [...pointer, "name", ...language]));
    }
  };
  const site = content.site;
  if (site && isFields(site.value)) {
    if (typeof site.value.site_url === "string") checkHost(site.value.site_url, at(site, ["site_url"]));
    address(site, site.value.organisation, ["organisation"], true);
    list(site.value.locations).forEach((location, i) => {
      address(site, location, ["locations", i], true);
      if (isFields(location)) list(location.certifications).forEach((c, j) => address(site, c, ["locations", i, "certifications", j], true));
    });
  }
  // The catalogue shows its address as the link's text: only the host can deceive.
  for (const file of content.catalogues) if (isFields(file.value)) address(file, file.value.source, ["source"], false);
}

/**
 * The host of an address a reader may follow, when it could deceive: written with look-alike letters (Cyrillic а for
 * Latin a, punycode xn--), or preceded by a user name that reads like a host (https://bank.de@evil.example/). For a
 * link of a Markdown text, and for the addresses of the content's fields (site.yaml's url and site_url, a
 * catalogue's source) that the annex links to.
 */
export function checkHost(url: string, report: (said: Said) => void): void {
  const host = hostOf(url);
  if (host === undefined) return;
  const shown = domainToUnicode(host) || host;
  const lookAlike = lookAlikeHost(host);
  if (lookAlike === "mixed") report(say["link-lookalike"].mixed({ url, host: shown }));
  else if (lookAlike) report(say["link-lookalike"].foreign({ url, host: shown, scripts: lookAlike }));
  // user@host: what stands before the @ in a web address is a user name, though readers take it for the host.
  const before = userinfo(url);
  if (before !== undefined) report(say["link-lookalike"].userinfo({ url, host: shown, before }));
}

/**
 * Whether the text a link shows is itself an address that differs from where the link leads: in a Markdown text,
 * and for a name the annex links to its field's address (a location's, a certification's, the organisation's).
 */
export function checkLinkText(text: string, url: string, report: (said: Said) => void): void {
  // A link with no visible text is an address on the page nobody sees (on screen; print adds it after the text).
  if (text.trim() === "" || /^[\s\u00a0\u200b]*$/.test(text)) {
    report(say["link-mismatch"].empty({ url }));
    return;
  }
  const host = hostOf(url);
  if (host === undefined) return;
  // A link that shows its own address (https://…, www.…, name@…) cannot mislead about where it leads.
  if (showsItself(text, url)) return;
  // Each address in the text, without the punctuation around it („https://…“, (portal.de), https://….): "Portal
  // unter https://portal.beispiel.de" shows an address as much as the address alone does.
  for (const token of text.split(/\s+/)) {
    const shown = token.replace(/^[\p{P}\p{S}]+/u, "").replace(/[\p{P}\p{S}]+$/u, "");
    if (shown === "" || showsItself(shown, url)) continue;
    const mailbox = mailboxMismatch(shown, url);
    if (mailbox !== undefined) {
      report(say["link-mismatch"].mailbox({ text, url, ...mailbox }));
      return;
    }
    const shownHost = hostOfText(shown);
    if (shownHost !== undefined && normalHost(shownHost) !== normalHost(host)) {
      report(say["link-mismatch"].mismatch({ text, url, host: domainToUnicode(host) || host }));
      return;
    }
  }
}

// A text that is a mail address, on a mailto: link that writes to another mailbox as well or instead (another
// name, or a copy: ?cc=, ?bcc=, ?to=): the first such recipient, and whether the shown one is written to as well;
// undefined when the link writes to the shown one alone.
function mailboxMismatch(shown: string, url: string): { to: string; also: boolean } | undefined {
  if (protocolOf(url) !== "mailto" || !/^[^@\s]+@[^@\s]+$/.test(shown)) return undefined;
  const rest = url.slice(url.indexOf(":") + 1);
  const [path = "", query = ""] = rest.split("?");
  const recipients = path.split(",").map((r) => safeDecode(r).trim());
  for (const [name, value] of new URLSearchParams(query)) if (/^(to|cc|bcc)$/i.test(name)) recipients.push(...value.split(",").map((r) => r.trim()));
  const wanted = shown.replace(/^mailto:/i, "").toLowerCase();
  const named = recipients.filter((r) => r !== "");
  const other = named.find((r) => r.toLowerCase() !== wanted);
  return other === undefined ? undefined : { to: other, also: named.some((r) => r.toLowerCase() === wanted) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// The user name part of a web address (https://user@host/), undefined when there is none.
function userinfo(url: string): string | undefined {
  if (!/^(https?:)?\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url, "https://toms.invalid/");
    const name = decodeURIComponent(parsed.username) + (parsed.password ? `:${decodeURIComponent(parsed.password)}` : "");
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

function showsItself(text: string, url: string): boolean {
  return [text, `http://${text}`, `https://${text}`, `mailto:${text}`].some((candidate) => candidate === url || `${candidate}/` === url);
}

// The host a URL leads to: http(s) and scheme-relative URLs by their host, mailto: by the domain after @.
function hostOf(url: string): string | undefined {
  const scheme = protocolOf(url);
  try {
    if (scheme === "mailto") {
      const address = decodeURIComponent(url.replace(/^[^:]*:/, "").split("?")[0] ?? "");
      const domain = address.slice(address.lastIndexOf("@") + 1);
      return domain === "" ? undefined : domainToASCII(domain) || undefined;
    }
    if (scheme === "http" || scheme === "https" || url.startsWith("//")) return new URL(url, "https://toms.invalid/").hostname || undefined;
  } catch {
    return undefined;
  }
  return undefined;
}

// When link text is an address (https://a.example/x, www.a.example, a.example, name@a.example), its host.
function hostOfText(text: string): string | undefined {
  if (/\s/.test(text) || text === "") return undefined;
  const mail = /^(?:mailto:)?[^@\s]+@([^@\s]+\.[^@\s.]{2,})$/i.exec(text);
  if (mail) return domainToASCII(mail[1] as string) || undefined;
  const web = /^(?:https?:\/\/)?([^/\s?#:]+\.[^/\s?#:.]{2,})(?::\d+)?(?:[/?#].*)?$/i.exec(text);
  if (!web || (!/^(https?:\/\/|www\.)/i.test(text) && !/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.(?:\p{Ll}{2,}|xn--[a-z0-9-]+)$/u.test(web[1] as string)))
    return undefined;
  return domainToASCII(web[1] as string) || undefined;
}

function normalHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

/**
 * Why a host name looks like another one, or undefined: "mixed" for a label mixing Latin with look-alike letters, or
 * the scripts of a label written only in such letters under a Latin top-level domain.
 */
export function lookAlikeHost(host: string): "mixed" | string[] | undefined {
  const unicode = domainToUnicode(host) || host;
  const labels = unicode.split(".");
  const tld = labels[labels.length - 1] ?? "";
  for (const label of labels.slice(0, -1)) {
    if (mixesLookAlikes(label)) return "mixed";
    const scripts = scriptsOf(label);
    const foreign = [...scripts].filter((s) => s !== "Latin" && s !== "other");
    if (foreign.length > 0 && scriptsOf(tld).has("Latin")) return foreign;
  }
  return undefined;
}
