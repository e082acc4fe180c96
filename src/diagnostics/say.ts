import { rules, type RuleId } from "./rules.js";

// Only `say` makes a Said (the brand below exists for the type checker alone), so a message cannot be written
// anywhere but in the catalogue's templates.
declare const fromCatalogue: unique symbol;

/** A finished diagnostic message with its rule, made from a template of the catalogue. */
export interface Said<R extends RuleId = RuleId> {
  readonly rule: R;
  readonly message: string;
  readonly [fromCatalogue]: true;
}

type Templates<R extends RuleId> = (typeof rules)[R]["messages"];

/** Per rule, its message templates as functions that take the template's values and return the message with its rule. */
export type Say = {
  readonly [R in RuleId]: {
    readonly [M in keyof Templates<R>]: Templates<R>[M] extends (...params: infer P) => string ? (...params: P) => Said<R> : never;
  };
};

/** The catalogue's messages, ready to report: `diagnostics.add(say["location-ref"].unknown({ id, suggestion }), place)`. */
export const say = Object.fromEntries(
  Object.entries(rules).map(([rule, entry]) => [
    rule,
    Object.fromEntries(
      Object.entries(entry.messages).map(([name, template]) => [
        name,
        (...params: never[]) => ({ rule, message: (template as (...p: never[]) => string)(...params) }),
      ]),
    ),
  ]),
) as unknown as Say;
