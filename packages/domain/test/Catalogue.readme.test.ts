import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Catalogue } from "@sdsf/domain"

const root = join(import.meta.dirname, "..")

describe("The published catalog cannot drift from the schemas", () => {
  it("README.md embeds the table generated from the catalog (regenerate: pnpm --filter @sdsf/domain catalog)", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8")
    const section = readme.slice(
      readme.indexOf("<!-- catalog:start -->") + "<!-- catalog:start -->".length,
      readme.indexOf("<!-- catalog:end -->")
    )
    expect(section.trim()).toBe(Catalogue.tableMarkdown())
  })

  it("catalog/events.schema.json is the JSON Schema generated from the catalog", () => {
    const published = JSON.parse(readFileSync(join(root, "catalog", "events.schema.json"), "utf8"))
    expect(published).toEqual(JSON.parse(JSON.stringify(Catalogue.jsonSchemas())))
    expect(published).toHaveLength(39)
  })
})
