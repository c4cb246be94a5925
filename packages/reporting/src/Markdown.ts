/**
 * Extracts as a Markdown document (GitHub tables), ending with their provenance.
 */
import { Effect } from "effect"
import type { Extrait } from "./Extrait.ts"
import * as Provenance from "./Provenance.ts"
import * as Rendu from "./Rendu.ts"

/**
 * Text safe inside a Markdown line or table cell: CommonMark's inline punctuation (`\ ` * _ [ ] < > | ~ &`) is
 * backslash-escaped, so a cell cannot start a link, HTML, emphasis or a new column; line breaks become `<br>`.
 */
export const echapper = (s: string): string =>
  s.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "<br>")

const tableau = (e: Extrait): string => {
  if (e.colonnes.length === 0) return "_(aucune colonne)_\n"
  const entete = `| ${e.colonnes.map((c) => echapper(c.libelle)).join(" | ")} |`
  const alignement = `| ${e.colonnes.map((c) => (Rendu.numerique(c) ? "---:" : ":---")).join(" | ")} |`
  const lignes = e.lignes.map((l) =>
    `| ${e.colonnes.map((c) => echapper(Rendu.texte(c, l[c.nom] ?? null))).join(" | ")} |`
  )
  return [entete, alignement, ...lignes].join("\n") + "\n" + (e.lignes.length === 0 ? "\n_(aucune ligne)_\n" : "")
}

const provenance = (m: Provenance.Manifeste): string => {
  const projections = m.projections.map((p) => `${echapper(p.nom)} v${p.version}`).join(", ")
  const tables = m.tables.map((t) => `| ${echapper(t.nom)} | ${Rendu.nombre(t.lignes, "entier")} | \`${t.sha256}\` |`)
  return [
    "## Provenance",
    "",
    `- Magasin : ${echapper(m.magasin)}`,
    `- Position globale : ${m.position}`,
    `- Relu le : ${m.rejoueLe}`,
    `- Projections : ${projections === "" ? "aucune" : projections}`,
    `- Empreintes : ${echapper(m.empreinte)}`,
    "",
    "| table | lignes | sha256 |",
    "| :--- | ---: | :--- |",
    ...tables,
    ""
  ].join("\n")
}

/**
 * A Markdown document: an optional `# titre`, then per extract a `##` heading (its title), its grain in italics and a
 * GitHub table (headers are the columns' labels, numbers right-aligned and French-formatted as `Rendu.texte` does), and
 * a final `## Provenance` section with the manifest. Every text is escaped (`echapper`).
 */
export const texte = Effect.fn("Markdown.texte")(function*(
  extraits: ReadonlyArray<Extrait>,
  source: Provenance.Source,
  options: { readonly titre?: string | undefined } = {}
) {
  yield* Rendu.verifier(extraits)
  const m = yield* Provenance.manifeste(source, extraits)
  const parties = options.titre === undefined ? [] : [`# ${echapper(options.titre)}\n`]
  for (const e of extraits) parties.push(`## ${echapper(e.titre)}\n\n_${echapper(e.grain)}_\n\n${tableau(e)}`)
  parties.push(provenance(m))
  return parties.join("\n")
})
