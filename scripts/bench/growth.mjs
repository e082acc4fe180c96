// How the synthetic rows grow with measures × locations: time per 1,000 measure-locations, overall and marginal
// (from one size to the next, which takes the fixed start-up cost out), and whether the growth is linear.
import { mark, mb, ms, ratio, table } from "./table.mjs";

/** `sizes`: [{ m, l, html, check }] with measured rows, smallest first. Returns the table and the verdict lines. */
export function growthReport(sizes) {
  // ms per 1,000 measure-locations from size i-1 to size i, of the wall-time median or the CPU median.
  const slope = (key, i, of = "median") => {
    if (i === 0) return undefined;
    const [a, b] = [sizes[i - 1], sizes[i]];
    return ((b[key][of] - a[key][of]) / (b.m * b.l - a.m * a.l)) * 1000;
  };
  const per = (key, s) => (s[key].median / (s.m * s.l)) * 1000;
  const rows = sizes.map((s, i) => [
    `${s.m}×${s.l}`,
    String(s.m * s.l),
    ...["html", "check"].flatMap((key) => [ms(s[key].median), ms(per(key, s)), ms(slope(key, i)), ms(slope(key, i, "cpu")), mb(s[key].rssKB)]),
  ]);
  const text = table(["size", "m×l", "HTML build", "per 1k", "marginal", "CPU marg.", "RSS", "check", "per 1k", "marginal", "CPU marg.", "RSS"], rows);
  // Linear: the last step costs no more per measure-location than the one before (within noise, 1.5×). Judged
  // on wall time; the CPU ratio is printed too because it is less disturbed by other load on the machine.
  const n = sizes.length - 1;
  const verdict = ["html", "check"]
    .map((key) => {
      const [before, last] = [slope(key, n - 1), slope(key, n)];
      const grows = last / before;
      const cpu = slope(key, n, "cpu") / slope(key, n - 1, "cpu");
      const ok = Number.isFinite(grows) && before > 0 ? grows <= 1.5 : undefined;
      const name = key === "html" ? "HTML build" : "check";
      return `linear growth, ${name}: last step ${ms(last)} per 1k vs ${ms(before)} the step before (${ratio(grows)}, CPU ${ratio(cpu)}; target ≤ 1.5×) ${mark(ok)}`;
    })
    .join("\n");
  return { text, verdict };
}
