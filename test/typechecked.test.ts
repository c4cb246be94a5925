import { execFile, execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { promisify } from "node:util"
import { expect, it } from "vitest"
import { root } from "./Packages.ts"

const tsc = join(import.meta.dirname, "node_modules", ".bin", "tsc")

// The projects `tsc -b` builds: the root tsconfig.json's references, followed transitively.
const projects = (config: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(config)) return seen
  seen.add(config)
  const { references = [] } = JSON.parse(readFileSync(config, "utf8")) as { references?: Array<{ path: string }> }
  for (const r of references) {
    const target = resolve(dirname(config), r.path)
    projects(target.endsWith(".json") ? target : join(target, "tsconfig.json"), seen)
  }
  return seen
}

it("every TypeScript file (sources, tests, benches, scripts, configs) is in a project tsc -b checks", async () => {
  const owned = await Promise.all([...projects(join(root, "tsconfig.json"))].map(async (config) => {
    // The project's own files (its include and files, expanded), as tsc resolves them.
    const { stdout } = await promisify(execFile)(tsc, ["-p", config, "--showConfig"], { encoding: "utf8" })
    const { files = [] } = JSON.parse(stdout) as { files?: Array<string> }
    return files.map((f) => relative(root, resolve(dirname(config), f)))
  }))
  const checked = new Set(owned.flat())
  const listed = ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.mts", "*.cts"]
  const files = execFileSync("git", listed, { cwd: root, encoding: "utf8" }).split("\n").filter((f) => f !== "")
  expect(files.length).toBeGreaterThan(100)
  expect(files.filter((f) => !checked.has(f))).toEqual([])
})
