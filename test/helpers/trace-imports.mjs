// `node --import ./test/helpers/trace-imports.mjs …` writes every module specifier the program resolves to stderr,
// as "import <specifier>" lines: how the tests see which packages a command loads.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (!specifier.startsWith("node:")) process.stderr.write("import " + specifier + "\\n");
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
