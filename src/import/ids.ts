import { slug } from "../util/slug.js";

// Words that name nothing: articles, prepositions and the "Maßnahmen zur Sicherstellung der …" every heading of an
// annex starts with. Ids are made of the words after them.
const filler = new Set(
  (
    "der die das den dem des ein eine einer eines einem einen und oder zu zur zum von vom im in an am auf aus bei mit nach fuer ueber unter durch " +
    "sowie als auch ist sind wird werden es massnahmen massnahme sicherstellung gewaehrleistung dauer daten personenbezogene personenbezogener personenbezogenen " +
    "the a an and or of to for in on at by with from is are be measures measure ensure ensuring personal " +
    "le la les l un une des du de et ou a au aux en pour par sur dans avec mesures mesure assurer personnel personnelles donnees"
  ).split(" "),
);

/** Hands out ids made from titles: a few meaningful words, unique within one kind (groups, sections, measures). */
export class Ids {
  private readonly used = new Set<string>();

  /** An id for `text` (at most `words` words after the filler), with -2, -3 … when taken; `fallback` when no word is left. */
  next(text: string, fallback: string, words = 3): string {
    const meaningful = slug(text)
      .split("-")
      .filter((w) => w !== "" && !filler.has(w));
    const base = meaningful.slice(0, words).join("-").slice(0, 60).replace(/-+$/, "") || fallback;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** The label a measure's text starts with ("Passwort-Regeln: Der Zugang …" → "Passwort-Regeln"), if it has one. */
export function leadingLabel(text: string): string | undefined {
  const match = /^([^:.!?]{3,40}):\s/.exec(text);
  return match?.[1];
}
