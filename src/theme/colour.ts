// The accent colour of site.yaml's theme: its contrast against the page (WCAG 2.x relative luminance), and the shades
// toms derives from it: a darker one for text where the accent itself is too pale, and a light tint for labels.

/** WCAG AA: the least contrast normal text needs against its background. */
export const minTextContrast = 4.5;

/** The light grey of location boxes and code (style.css --tint): the darkest background text in the accent stands on. */
export const tintBackground = "#f4f6f9";

type Rgb = [number, number, number];

/** "#rrggbb" as red, green and blue (0–255); undefined for anything else. */
export function parseHex(colour: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  return match ? [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)] : undefined;
}

/** Red, green and blue (rounded into 0–255) as "#rrggbb" in lower case. */
export function toHex(rgb: readonly number[]): string {
  return `#${rgb
    .map((c) =>
      Math.min(255, Math.max(0, Math.round(c)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The relative luminance of a colour (WCAG 2.x: 0 for black, 1 for white). */
export function luminance(colour: string): number {
  const rgb = parseHex(colour);
  if (!rgb) throw new Error(`not a #rrggbb colour: ${colour}`);
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours (WCAG 2.x), from 1 (the same) to 21 (black on white). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** A ratio as a person reads it, rounded down so it never claims more than it has: 4.49 is "4.4:1", not "4.5:1". */
export function ratioText(ratio: number): string {
  return `${Math.floor(ratio * 10) / 10}:1`;
}

/**
 * The colour itself when it has `min` contrast against `background`, else the lightest shade of it (the same hue,
 * each channel scaled towards black) that has: what toms uses for text in the accent.
 */
export function readableShade(colour: string, background: string, min = minTextContrast): string {
  if (contrast(colour, background) >= min) return colour;
  const rgb = parseHex(colour) as Rgb;
  // Scaling all channels down keeps the hue; the luminance falls as the factor does, so halve the interval.
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (contrast(toHex(rgb.map((c) => c * mid)), background) >= min) lo = mid;
    else hi = mid;
  }
  // Rounding to whole channel values may lose a little: step down until the hex value itself passes.
  let shade = toHex(rgb.map((c) => c * lo));
  for (let f = lo; contrast(shade, background) < min; f -= 0.005) shade = toHex(rgb.map((c) => c * Math.max(0, f)));
  return shade;
}

/** The colour mixed into white (`share` of it): the background of labels in the accent (style.css --accent-tint). */
export function tint(colour: string, share = 0.12): string {
  const rgb = parseHex(colour) as Rgb;
  return toHex(rgb.map((c) => 255 - share * (255 - c)));
}

/** The shades of a theme's accent as the style sheet uses them. */
export interface AccentShades {
  /** As written: rules and borders. */
  rule: string;
  /** Links, headings and labels: the accent, or its darker shade where it is too pale (see readableShade). */
  text: string;
  /** Background of labels in the accent. */
  tint: string;
  /** The accent's contrast against white. */
  onWhite: number;
}

/**
 * The shades toms uses for an accent colour. Text in the accent stands on white, on the light grey of location
 * boxes and on the accent's own tint, so its shade must read on the darkest of them.
 */
export function accentShades(accent: string): AccentShades {
  const rule = accent.toLowerCase();
  const light = tint(rule);
  const darkest = luminance(light) < luminance(tintBackground) ? light : tintBackground;
  return { rule, text: readableShade(rule, darkest), tint: light, onWhite: contrast(rule, "#ffffff") };
}
