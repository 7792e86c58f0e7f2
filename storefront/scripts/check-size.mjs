// Fails the build when the JavaScript the first page load needs passes 200 KB gzipped.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const LIMIT = 200 * 1024;
const html = readFileSync("dist/index.html", "utf8");
const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
if (initial.length === 0) throw new Error("no script found in dist/index.html");
let total = 0;
for (const file of new Set(initial)) {
  const size = gzipSync(readFileSync(`dist/${file}`)).length;
  total += size;
  console.log(`initial JS ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
const all = readdirSync("dist/assets").filter((f) => f.endsWith(".js"));
console.log(`initial JS total: ${(total / 1024).toFixed(1)} KB gzipped (limit 200 KB; ${all.length} chunks in all)`);
if (total > LIMIT) {
  console.error(`initial JavaScript ${total} B gzipped is over the ${LIMIT} B budget`);
  process.exit(1);
}
