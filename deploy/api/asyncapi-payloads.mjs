// Checks what `asyncapi validate` does not: every message payload of docs/asyncapi.yaml is a JSON
// Schema that compiles under ajv's strict draft 2020-12 mode (unknown keywords, ambiguous types and
// bad formats are errors), every message's examples match it, and every schema file in
// platform/events is used by a message. Then it proves it can fail: a deliberately broken copy of
// a schema must be refused. Usage: node asyncapi-payloads.mjs <asyncapi.yaml>
import { readFileSync, readdirSync } from "node:fs";
import { dirname, resolve, basename } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import yaml from "js-yaml";

const file = resolve(process.argv[2] ?? "docs/asyncapi.yaml");
const doc = yaml.load(readFileSync(file, "utf8"));
const strict = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
};
const errors = [];
const used = new Set();
let checked = 0;

for (const [name, message] of Object.entries(doc.components?.messages ?? {})) {
  const payload = message.payload;
  if (!payload?.schema?.$ref) {
    errors.push(`${name}: payload has no schema $ref`);
    continue;
  }
  if (payload.schemaFormat !== "application/schema+json;version=draft-2020-12") {
    errors.push(`${name}: schemaFormat is ${payload.schemaFormat}, expected draft-2020-12`);
  }
  const schemaFile = resolve(dirname(file), payload.schema.$ref);
  used.add(schemaFile);
  let schema;
  try {
    schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  } catch (e) {
    errors.push(`${name}: cannot read ${payload.schema.$ref}: ${e.message}`);
    continue;
  }
  let validate;
  try {
    validate = strict().compile(schema);
  } catch (e) {
    errors.push(`${name}: ${basename(schemaFile)} does not compile in strict 2020-12 mode: ${e.message}`);
    continue;
  }
  for (const [i, example] of (message.examples ?? []).entries()) {
    if (example.payload !== undefined && !validate(example.payload)) {
      errors.push(`${name}: example ${i} does not match its schema: ${JSON.stringify(validate.errors)}`);
    }
  }
  checked++;
}

const schemaDir = resolve(dirname(file), "../platform/events/src/main/resources/schemas");
for (const f of readdirSync(schemaDir).filter((f) => f.endsWith(".json"))) {
  if (!used.has(resolve(schemaDir, f))) errors.push(`${f} is not the payload of any message`);
}

// The check must be able to fail: a misspelt type and an unknown keyword are refused.
const sample = JSON.parse(readFileSync([...used][0], "utf8"));
for (const [what, broken] of [
  ["a misspelt type", { ...sample, type: "objekt" }],
  ["an unknown keyword", { ...sample, properties: { ...sample.properties, x: { type: "string", maxLenght: 3 } } }],
]) {
  try {
    strict().compile(broken);
    errors.push(`self-test: a schema with ${what} compiled; the check cannot fail`);
  } catch {
    // refused, as it must be
  }
}

if (errors.length) {
  console.error(errors.map((e) => `  ✗ ${e}`).join("\n"));
  console.error(`[asyncapi] ${errors.length} problem(s) in ${file}`);
  process.exit(1);
}
console.log(`[asyncapi] ${checked} payload schemas compile in ajv strict 2020-12 mode; the broken ones are refused`);
