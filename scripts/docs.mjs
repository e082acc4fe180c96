// Writes the generated documentation (docs/rules.md, docs/commands.md, the field tables of docs/format.md) from the
// sources it describes, through the compiled lib/ (`npm run docs` compiles first). test/docs.test.ts fails while a
// page differs from what this would write.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatedDocs } from "../lib/docs/generate.js";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const [file, text] of generatedDocs(root)) {
  const target = path.join(root, file);
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
  if (before === text) continue;
  fs.writeFileSync(target, text);
  console.log(`${file} written`);
}
