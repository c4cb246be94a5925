/**
 * The TypeScript of the READMEs, extracted so the compiler checks it: every ```ts block of README.md and
 * packages/* /README.md becomes a module of a throw-away project under test/.readme (inside the workspace, so the
 * packages resolve to their sources). What a snippet takes for granted (a `store`, `events`) is declared in an HTML
 * comment right before the block, which Markdown does not show:
 *
 *     <!-- ts-prelude
 *     declare const store: EventStore.EventStore["Service"]
 *     -->
 *
 * A block whose code uses `yield*` outside a `function*` of its own is the body of an `Effect.gen` generator.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { root } from "./Packages.ts"

/** One ```ts block: the README, the line of its first code line, its prelude and code. */
export interface Block {
  readonly readme: string
  readonly line: number
  readonly prelude: string
  readonly code: string
}

/** The README.md files of the workspace: the root's and each package's. */
export const readmes = (): ReadonlyArray<string> =>
  [
    join(root, "README.md"),
    ...[...readdirSync(join(root, "packages")).map((d) => join("packages", d)), "examples"].map((d) =>
      join(root, d, "README.md")
    )
  ].filter((f) => statSync(f, { throwIfNoEntry: false }) !== undefined)

const fence = /(?:<!--\s*ts-prelude\n([\s\S]*?)-->\n)?```ts\n([\s\S]*?)```/g

/** The ```ts blocks of one README. */
export const blocks = (readme: string): ReadonlyArray<Block> => {
  const text = readFileSync(readme, "utf8")
  return [...text.matchAll(fence)].map((m) => ({
    readme: relative(root, readme),
    line: text.slice(0, m.index + m[0].indexOf("```ts")).split("\n").length + 1,
    prelude: m[1] ?? "",
    code: m[2] ?? ""
  }))
}

const isImport = (line: string) => /^import\s/.test(line)

/** A block as a module, and for each of its lines the README line it comes from (0: generated). */
export const toModule = (block: Block): { readonly source: string; readonly lines: ReadonlyArray<number> } => {
  const code = block.code.split("\n").map((text, i) => ({ text, line: block.line + i }))
  const prelude = block.prelude.split("\n").map((text) => ({ text, line: 0 }))
  const imports = code.filter((l) => isImport(l.text))
  const body = code.filter((l) => !isImport(l.text))
  const generator = body.some((l) => l.text.includes("yield*")) && !body.some((l) => l.text.includes("function*"))
  const out = [
    ...imports,
    ...(generator ? [{ text: `import { Effect as Effect$ } from "effect"`, line: 0 }] : []),
    ...prelude,
    ...(generator ? [{ text: "export const example$ = Effect$.gen(function*() {", line: 0 }] : []),
    ...body,
    ...(generator ? [{ text: "})", line: 0 }] : []),
    { text: "export {}", line: 0 }
  ]
  return { source: out.map((l) => l.text).join("\n") + "\n", lines: out.map((l) => l.line) }
}

/** The casts in a block's code (not its prelude): `x as T`, but neither `as const` nor `import { A as B }`. */
export const casts = (block: Block): ReadonlyArray<string> =>
  block.code.split("\n").filter((line) =>
    !isImport(line) && /\bas (?!const\b)[\w{[(]/.test(line.replace(/\/\/.*$/, ""))
  )
