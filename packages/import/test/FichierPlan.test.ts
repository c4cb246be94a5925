import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { FichierPlan } from "@sdsf/import"

describe("the plan file format", () => {
  it("schema/plan.schema.json is the JSON Schema derived from FichierPlan (regenerate: pnpm --filter @sdsf/import schema)", () => {
    const fichier = join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "plan.schema.json")
    expect(JSON.parse(readFileSync(fichier, "utf8"))).toEqual(JSON.parse(JSON.stringify(FichierPlan.jsonSchema())))
  })

  it("the JSON Schema refuses unknown fields, as the reader does, and names every step type", () => {
    const texte = JSON.stringify(FichierPlan.jsonSchema())
    expect(texte).toContain("\"additionalProperties\":false")
    for (const t of FichierPlan.typesEtapes) expect(texte).toContain(`"${t}"`)
  })
})
