// Extracts from the official FHIR R4 JSON Schema (`fhir.schema.json`) the part that validates a
// Questionnaire and a QuestionnaireResponse: both definitions and every definition they reference,
// unchanged. The one edit: `ResourceList` (what `contained` may hold) lists only these two
// resources, since listing every resource would pull in the whole schema; the exports never
// contain resources. See README.md beside this file.
//
//   node tests/fhir/extract-schema.mjs path/to/fhir.schema.json > tests/fhir/fhir-r4-questionnaire.schema.json

import { readFileSync } from "node:fs";

const ROOTS = ["Questionnaire", "QuestionnaireResponse"];
const full = JSON.parse(readFileSync(process.argv[2], "utf8"));
const isKept = (ref) => ROOTS.includes(ref.$ref.replace("#/definitions/", ""));

const definitions = { ...full.definitions };
definitions.ResourceList = { ...definitions.ResourceList, oneOf: definitions.ResourceList.oneOf.filter(isKept) };

const kept = new Set();
const visit = (name) => {
  if (kept.has(name)) return;
  kept.add(name);
  const refs = JSON.stringify(definitions[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
  for (const [, referenced] of refs) visit(referenced);
};
ROOTS.forEach(visit);

const subset = {
  $schema: full.$schema,
  id: full.id,
  description: full.description,
  discriminator: {
    propertyName: full.discriminator.propertyName,
    mapping: Object.fromEntries(ROOTS.map((name) => [name, full.discriminator.mapping[name]])),
  },
  oneOf: full.oneOf.filter(isKept),
  definitions: Object.fromEntries(Object.keys(definitions).filter((name) => kept.has(name)).map((name) => [name, definitions[name]])),
};
process.stdout.write(JSON.stringify(subset, null, 2) + "\n");
