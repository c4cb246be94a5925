import { spawnSync } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { blocks, casts, readmes, toModule } from "./Readme.ts"

const dir = join(import.meta.dirname, ".readme")
const all = readmes().flatMap(blocks)
// Compiler messages by README, each located at the README's line (or at the prelude when the line is generated).
const errors = new Map<string, Array<string>>()

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const modules = all.map((block, i) => ({ block, file: `block${i}.ts`, ...toModule(block) }))
  for (const m of modules) writeFileSync(join(dir, m.file), m.source)
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.base.json",
      compilerOptions: {
        composite: false,
        declaration: false,
        declarationMap: false,
        noEmit: true,
        customConditions: ["@sdsf/source"],
        // A snippet shows a call and names its result without using it.
        noUnusedLocals: false,
        noUnusedParameters: false
      },
      include: ["*.ts"]
    })
  )
  const tsc = spawnSync(join(import.meta.dirname, "node_modules", ".bin", "tsc"), ["-p", dir, "--pretty", "false"], {
    encoding: "utf8"
  })
  for (const line of (tsc.stdout + tsc.stderr).split("\n").filter((l) => l.trim() !== "")) {
    const at = /^(?:.*\/)?block(\d+)\.ts\((\d+),(\d+)\): (.*)$/.exec(line)
    const m = at === null ? undefined : modules[Number(at[1])]
    const where = m === undefined || at === null
      ? "tsc"
      : `${m.block.readme}:${m.lines[Number(at[2]) - 1] || `prelude of the block at line ${m.block.line}`}`
    const key = m?.block.readme ?? "tsc"
    errors.set(key, [...(errors.get(key) ?? []), `${where}: ${at?.[4] ?? line}`])
  }
}, 120_000)

describe("the TypeScript in the READMEs", () => {
  it("there are blocks to check", () => {
    expect(all.length).toBeGreaterThan(10)
  })

  it("the compiler reports nothing outside the READMEs' blocks", () => {
    expect(errors.get("tsc") ?? []).toEqual([])
  })

  it.each([...new Set(all.map((b) => b.readme))])("%s type-checks and has no cast", (readme) => {
    expect(errors.get(readme) ?? []).toEqual([])
    const found = all.filter((b) => b.readme === readme).flatMap((b) => casts(b).map((c) => `${b.line}: ${c.trim()}`))
    expect(found).toEqual([])
  })
})
