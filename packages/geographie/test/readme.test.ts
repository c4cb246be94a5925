import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "vitest"

const root = join(import.meta.dirname, "..")

it("README.md's example is test/readme.example.ts, which the test project type-checks", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8")
  const debut = readme.indexOf("```ts\n") + "```ts\n".length
  const exemple = readFileSync(join(root, "test", "readme.example.ts"), "utf8")
  expect(exemple.slice(exemple.indexOf("\n") + 1)).toBe(readme.slice(debut, readme.indexOf("```\n", debut)))
})
