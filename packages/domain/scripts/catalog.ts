// Regenerates the event catalog in README.md (between the catalog markers) and catalog/events.schema.json.
// Run: pnpm --filter @sdsf/domain catalog
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Catalogue } from "@sdsf/domain"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const readmePath = join(root, "README.md")
const start = "<!-- catalog:start -->"
const end = "<!-- catalog:end -->"
const readme = readFileSync(readmePath, "utf8")
const i = readme.indexOf(start)
const k = readme.indexOf(end)
if (i < 0 || k < i) throw new Error(`README.md has no ${start} … ${end} section`)
writeFileSync(readmePath, `${readme.slice(0, i + start.length)}\n${Catalogue.tableMarkdown()}\n${readme.slice(k)}`)
writeFileSync(join(root, "catalog", "events.schema.json"), `${JSON.stringify(Catalogue.jsonSchemas(), null, 2)}\n`)
console.log("catalog written: README.md, catalog/events.schema.json")
