// Regenerates schema/plan.schema.json, the JSON Schema of the plan-file format, from FichierPlan.
// Run: pnpm --filter @sdsf/import schema
import { writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { FichierPlan } from "@sdsf/import"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
writeFileSync(join(root, "schema", "plan.schema.json"), `${JSON.stringify(FichierPlan.jsonSchema(), null, 2)}\n`)
console.log("schema/plan.schema.json written")
