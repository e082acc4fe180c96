// How the synthetic rows grow with measures × locations: time per 1,000 measure-locations, overall and marginal
// (from one size to the next, which takes the fixed start-up cost out), and whether the growth is linear.
import { mark, mb, ms, ratio, table } from "./table.mjs";

/** `sizes`: [{ m, l, html, check }] with measured rows, smallest first. Returns the table and the verdict line. */
export function growthReport(sizes) {
  const slope = (key, i) => {
    if (i === 0) return undefined;
    const [a, b] = [sizes[i - 1], sizes[i]];
    return ((b[key].median - a[key].median) / (b.m * b.l - a.m * a.l)) * 1000;
  };
  const per = (key, s) => (s[key].median / (s.m * s.l)) * 1000;
  const rows = sizes.map((s, i) => [
    `${s.m}×${s.l}`,
    String(s.m * s.l),
    ms(s.html.median),
    ms(per("html", s)),
    ms(slope("html", i)),
    mb(s.html.rssKB),
    ms(s.check.median),
    ms(per("check", s)),
    ms(slope("check", i)),
    mb(s.check.rssKB),
  ]);
  const text = table(["size", "m×l", "HTML build", "per 1k", "marginal", "RSS", "check", "per 1k", "marginal", "RSS"], rows);
  // Linear: the last step costs no more per measure-location than the one before (within noise, 1.5×).
  const n = sizes.length - 1;
  const verdict = ["html", "check"]
    .map((key) => {
      const [before, last] = [slope(key, n - 1), slope(key, n)];
      const grows = last / before;
      const ok = Number.isFinite(grows) && before > 0 ? grows <= 1.5 : undefined;
      const name = key === "html" ? "HTML build" : "check";
      return `linear growth, ${name}: marginal cost of the last step ${ms(last)} vs ${ms(before)} per 1k before (${ratio(grows)}; target ≤ 1.5×) ${mark(ok)}`;
    })
    .join("\n");
  return { text, verdict };
}
