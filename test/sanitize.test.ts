import type { Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { describe, expect, it } from "vitest";
import { renderProse } from "../src/render/render-prose.js";

// The checker rejects hostile Markdown, but the renderer must not rely on it: whatever reaches it is sanitized.
const render = (markdown: string) => toHtml({ type: "root", children: renderProse({ markdown, file: "/x.md", line: 1, column: 1, indent: 0 }, 2) } as Root);

const hostile: [string, string][] = [
  ["script element", "<script>alert(1)</script>"],
  ["script inline", "Text <script>alert(1)</script> more"],
  ["event handler", '<img src="x.png" onerror="alert(1)">'],
  ["event handler on a link", '<a href="https://example.com" onclick="alert(1)">x</a>'],
  ["iframe", '<iframe src="https://evil.example"></iframe>'],
  ["form", '<form action="https://evil.example"><input name="q"><button>go</button></form>'],
  ["object", '<object data="x.swf"></object><embed src="x.swf">'],
  ["style attribute", '<p style="position:fixed;top:0">overlay</p>'],
  ["style element", "<style>body{display:none}</style>"],
  ["svg with script", '<svg><script>alert(1)</script><circle onload="alert(1)"/></svg>'],
  ["javascript link", "[x](javascript:alert(1))"],
  ["javascript link, mixed case", "[x](JaVaScRiPt:alert(1))"],
  ["javascript link, entity", "[x](jav&#x61;script:alert(1))"],
  ["javascript link, tab", "[x](java\tscript:alert(1))"],
  ["vbscript link", "[x](VBScript:msgbox(1))"],
  ["data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
  ["data image", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"],
  ["javascript autolink", "<javascript:alert(1)>"],
  ["reference definition", "[x][r]\n\n[r]: javascript:alert(1)"],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ["base element", '<base href="https://evil.example/">'],
  ["link element", '<link rel="stylesheet" href="https://evil.example/x.css">'],
];

describe("rendering hostile Markdown", () => {
  it.each(hostile)("%s leaves no active content", (_, markdown) => {
    const html = render(markdown).toLowerCase();
    for (const banned of ["<script", "<iframe", "<form", "<object", "<embed", "<style", "<svg", "<meta", "<base", "<link", " on", "style="]) {
      expect(html, `${markdown} → ${html}`).not.toContain(banned);
    }
    // Such a scheme may remain as visible text, never as a target.
    expect(html, `${markdown} → ${html}`).not.toMatch(/(href|src|action)="\s*(javascript|vbscript|data):/);
  });

  it("keeps ordinary Markdown: emphasis, lists, tables, web and mail links", () => {
    expect(render("**fett** und [Link](https://example.com) und <mailto:dsb@example.com>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- x\n- y")).toBe(
      '<p><strong>fett</strong> und <a href="https://example.com">Link</a><span class="link-address"> (https://example.com)</span> und <a href="mailto:dsb@example.com">mailto:dsb@example.com</a></p><table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table><ul>\n<li>x</li>\n<li>y</li>\n</ul>',
    );
  });

  it("moves an author's headings below the annex's own, without gaps", () => {
    expect(render("# Eins\n\n### Drei")).toBe("<h2>Eins</h2><h3>Drei</h3>");
  });
});
