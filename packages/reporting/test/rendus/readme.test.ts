import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { exporter } from "./readme.example.ts"

const root = join(import.meta.dirname, "..", "..")

describe("README, renderers", () => {
  it("the example under “Renderers” is test/rendus/readme.example.ts, which the test project type-checks", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8")
    const section = readme.indexOf("## Renderers")
    const debut = readme.indexOf("```ts\n", section) + "```ts\n".length
    const exemple = readFileSync(join(import.meta.dirname, "readme.example.ts"), "utf8")
    assert.strictEqual(exemple.slice(exemple.indexOf("\n") + 1), readme.slice(debut, readme.indexOf("```\n", debut)))
  })

  it.effect("the example runs", () =>
    Effect.gen(function*() {
      const r = yield* exporter
      assert.deepStrictEqual(r.fichiers, ["places_avip.csv", "manifeste.json"])
      assert.isAbove(r.xlsx, 1000)
      assert.include(r.md, "| 2025 | 204 |")
      assert.include(r.html, "<td class=\"n\">204</td>")
    }))
})
