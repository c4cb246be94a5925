/**
 * The workspace's published packages as a consumer gets them: each packed by pnpm (its `prepack` builds `dist`),
 * then checked by publint and by Are the Types Wrong, on the tarball itself.
 */
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

/** The workspace root. */
export const root = join(import.meta.dirname, "..")

/** A packed package: its name, tarball and size in bytes. */
export interface Packed {
  readonly name: string
  readonly directory: string
  readonly tarball: string
  readonly bytes: number
}

/** Every package under `packages/` that is not private. */
export const publishable = (): ReadonlyArray<{ readonly name: string; readonly directory: string }> =>
  readdirSync(join(root, "packages"))
    .map((d) => join(root, "packages", d))
    .filter((d) => statSync(join(d, "package.json"), { throwIfNoEntry: false }) !== undefined)
    .map((directory) => ({ directory, manifest: JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ name: String(manifest.name), directory }))

/** Packs every publishable package into `destination` with `pnpm pack` (which runs each `prepack`: `tsc -b`). */
export const packAll = (destination: string): ReadonlyArray<Packed> =>
  publishable().map(({ name, directory }) => {
    const out = execFileSync("pnpm", ["pack", "--json", "--pack-destination", destination], {
      cwd: directory,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"]
    })
    // `--json` prints the lifecycle output (prepack) first, then the result object.
    const result = JSON.parse(out.slice(out.indexOf("{"))) as { readonly filename: string }
    const tarball = result.filename.startsWith("/") ? result.filename : join(destination, result.filename)
    return { name, directory, tarball, bytes: statSync(tarball).size }
  })

/** The paths inside a tarball (without the leading `package/`). */
export const contents = (tarball: string): ReadonlyArray<string> =>
  execFileSync("tar", ["tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^package\//, ""))

/** The manifest inside a tarball, as published. */
export const manifest = (tarball: string): Record<string, unknown> =>
  JSON.parse(execFileSync("tar", ["xzf", tarball, "-O", "package/package.json"], { encoding: "utf8" }))

const bin = (name: string) => join(import.meta.dirname, "node_modules", ".bin", name)

/** The outcome of a checker on one tarball: whether it passed, and what it printed. */
export interface Verdict {
  readonly ok: boolean
  readonly output: string
}

const run = (command: string, args: ReadonlyArray<string>): Verdict => {
  try {
    return { ok: true, output: execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) }
  } catch (error) {
    const e = error as { readonly stdout?: string; readonly stderr?: string }
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }
  }
}

/** publint on the tarball, warnings counted as errors; suggestions are printed but do not fail. */
export const publint = (tarball: string): Verdict => run(bin("publint"), ["run", tarball, "--strict"])

/**
 * Are the Types Wrong on the tarball. The packages are ESM only (`"type": "module"`, no `require` condition), so the
 * `esm-only` profile: `node16` (ESM), `bundler`; a CommonJS `require` of them is not supported, hence not checked.
 */
export const attw = (tarball: string): Verdict =>
  run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "table", "--no-color", "--no-emoji"])
