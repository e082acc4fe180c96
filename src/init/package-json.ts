/** The npm scripts a content repository gets: each runs the toms command of its name. */
export const scripts = { check: "toms check", build: "toms build", dev: "toms dev" } as const;

/** What init did to package.json: its new text, and the entries it left as they were. */
export interface PackageJsonUpdate {
  text: string;
  /** Scripts of the same name that run something else: kept, and said so. */
  keptScripts: string[];
  /** How the package depends on toms afterwards ("^0.1.0", "file:vendor/toms-0.1.0.tgz" …). */
  tomsSpec: string;
}

/**
 * package.json for a content repository: a new one (private, the three scripts, toms as a development dependency
 * as `spec` says: the running version, or the package file in vendor/), or an existing one with what it lacks added. An existing one is typically what
 * `npm install toms` just wrote; nothing in it is changed or removed, and the way it installs toms is kept.
 */
export function packageJson(existing: string | undefined, name: string, spec: string): PackageJsonUpdate {
  if (existing === undefined) {
    const fresh = { name, private: true, scripts: { ...scripts }, devDependencies: { toms: spec } };
    return { text: `${JSON.stringify(fresh, null, 2)}\n`, keptScripts: [], tomsSpec: fresh.devDependencies.toms };
  }
  const json = JSON.parse(existing) as Record<string, unknown>;
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new SyntaxError("package.json does not hold a JSON object");
  const keptScripts: string[] = [];
  const present = (json.scripts ?? {}) as Record<string, unknown>;
  const added = Object.fromEntries(
    Object.entries(scripts).filter(([script, command]) => {
      if (!(script in present)) return true;
      if (present[script] !== command) keptScripts.push(script);
      return false;
    }),
  );
  json.scripts = { ...present, ...added };
  const dependencies = (json.dependencies ?? {}) as Record<string, string>;
  const devDependencies = (json.devDependencies ?? {}) as Record<string, string>;
  let tomsSpec = dependencies.toms ?? devDependencies.toms;
  if (tomsSpec === undefined) {
    tomsSpec = spec;
    json.devDependencies = { ...devDependencies, toms: tomsSpec };
  }
  // In the file's own indentation (npm keeps it too), and with its final newline.
  const indent = /^\{\r?\n([ \t]+)"/.exec(existing)?.[1] ?? "  ";
  return { text: `${JSON.stringify(json, null, indent)}\n`, keptScripts, tomsSpec };
}
