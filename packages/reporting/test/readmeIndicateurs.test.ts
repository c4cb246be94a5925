import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "vitest"
import { ProjectionIndicateurs as P } from "@sdsf/reporting"

const root = join(import.meta.dirname, "..")
const readme = readFileSync(join(root, "README.md"), "utf8")

it("README.md's example is test/readme.example.ts, which the test project type-checks", () => {
  const debut = readme.indexOf("```ts\n") + "```ts\n".length
  const exemple = readFileSync(join(root, "test", "readme.example.ts"), "utf8")
  expect(exemple.slice(exemple.indexOf("\n") + 1)).toBe(readme.slice(debut, readme.indexOf("```\n", debut)))
})

it("README.md documents every table of the indicator projection: grain, key, each column with its type", () => {
  for (const t of P.projection.tables) {
    expect(readme).toContain(`### \`${t.name}\`: ${t.grain}`)
    expect(readme).toContain(`Key: ${t.key.map((k) => `\`${k}\``).join(", ")}.`)
    for (const c of t.columns) expect(readme).toContain(`| \`${c.name}\` | ${c.type}${c.nullable ? ", null" : ""} |`)
  }
})
