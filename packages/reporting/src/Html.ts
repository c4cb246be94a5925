/**
 * A report as one self-contained HTML document: no request of any kind (CSS inline, charts as inline SVG, system
 * fonts, no script; a Content-Security-Policy forbids loading anything), French formats, and print styles.
 */
import { Effect } from "effect"
import type { Projection } from "@sdsf/domain"
import type { Colonne, Extrait } from "./Extrait.ts"
import * as Provenance from "./Provenance.ts"
import * as Rapport from "./Rapport.ts"
import * as Rendu from "./Rendu.ts"

const entites: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Text safe in HTML content and attribute values: `& < > " '` as character references. */
export const echapper = (s: string): string => s.replace(/[&<>"']/g, (c) => entites[c]!)

const CSS = `
:root { --encre: #1b1b1b; --gris: #5f6368; --filet: #d0d4d9; --fond: #f4f6f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.25rem 3rem; color: var(--encre); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); }
.sous-titre { color: var(--gris); font-size: 1.1rem; margin: 0 0 1.5rem; }
.resume { background: var(--fond); border-radius: 6px; padding: 1rem 1.25rem; }
.chiffres { display: flex; flex-wrap: wrap; gap: 1rem 2rem; list-style: none; margin: .5rem 0 0; padding: 0; }
.chiffres li { min-width: 9rem; }
.chiffres .valeur { display: block; font-size: 1.6rem; font-weight: 700; color: var(--accent);
  font-variant-numeric: tabular-nums; }
.chiffres .libelle { color: var(--gris); font-size: .9rem; }
.sommaire ol { padding-left: 1.25rem; columns: 2; }
.sommaire a { color: var(--accent); }
.introduction, .grain, figcaption, .vide { color: var(--gris); }
.defilement { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border-bottom: 1px solid var(--filet); padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: var(--fond); border-bottom: 2px solid var(--filet); }
td { white-space: pre-line; }
.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.etapes { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--accent); }
.etapes li { position: relative; margin: 0 0 1rem; padding-left: .75rem; }
.etapes li::before { content: ""; position: absolute; left: -1.45rem; top: .45rem; width: .7rem; height: .7rem;
  border-radius: 50%; background: #fff; border: 3px solid var(--accent); }
.etapes time { font-weight: 700; margin-right: .5rem; }
.etapes .categorie { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 .3rem; margin-right: .5rem; }
.etapes p { margin: .15rem 0 0; color: var(--gris); white-space: pre-line; }
figure { margin: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
.provenance { margin-top: 3rem; font-size: .8rem; color: var(--gris); border-top: 1px solid var(--filet); }
.provenance h2 { font-size: 1rem; border: 0; }
.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
.provenance dt { font-weight: 600; }
.provenance dd { margin: 0; }
.provenance code { font-size: .75rem; word-break: break-all; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sommaire { display: none; }
  .etapes { margin-left: .75rem; }
  .saut { break-before: page; }
  h1, h2 { break-after: avoid; }
  figure, .etapes li, .resume, tr, .provenance dl { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  .defilement { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .provenance { break-before: page; }
}
`

const COULEURS = ["#1f5fa8", "#e07b00", "#2e8540", "#8e44ad", "#c0392b", "#5d6d7e"]

const paragraphe = (s: string, classe?: string) =>
  `<p${classe === undefined ? "" : ` class="${classe}"`}>${echapper(s)}</p>`

const coupe = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** An inline SVG bar chart (horizontal bars, grouped by category), sized by its content. */
const svg = (h: Rapport.Histogramme, id: string): string => {
  const largeur = 720
  const gauche = 240
  const droite = 110
  const barre = 18
  const ecart = 4
  const groupe = 14
  const parLigne = 4
  const legende = h.series.length > 1 ? 22 * Math.ceil(h.series.length / parLigne) + 6 : 0
  const valeurs = h.series.flatMap((s) => s.valeurs).filter((v): v is number => v !== null)
  const min = Math.min(0, ...valeurs)
  let max = Math.max(0, ...valeurs)
  if (min === max) max = 1
  // Halved before subtracting, so that values near ±1.8e308 cannot overflow the scale.
  const x = (v: number) => gauche + ((v / 2 - min / 2) / (max / 2 - min / 2)) * (largeur - gauche - droite)
  const hauteurGroupe = Math.max(1, h.series.length) * (barre + ecart) - ecart
  const hauteur = legende + Math.max(1, h.categories.length) * (hauteurGroupe + groupe) + groupe
  const parts: Array<string> = []
  h.series.forEach((s, k) => {
    if (legende === 0) return
    const lx = 10 + (k % parLigne) * 175
    const ly = 6 + 22 * Math.floor(k / parLigne)
    parts.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${COULEURS[k % COULEURS.length]}"/>`,
      `<text x="${lx + 18}" y="${ly + 10}" font-size="12"><title>${echapper(s.libelle)}</title>` +
        `${echapper(coupe(s.libelle, 22))}</text>`
    )
  })
  h.categories.forEach((c, i) => {
    const y0 = legende + groupe + i * (hauteurGroupe + groupe)
    parts.push(
      `<text x="${gauche - 8}" y="${y0 + hauteurGroupe / 2 + 4}" text-anchor="end" font-size="12">` +
        `<title>${echapper(c)}</title>${echapper(coupe(c, 30))}</text>`
    )
    h.series.forEach((s, k) => {
      const v = s.valeurs[i] ?? null
      const y = y0 + k * (barre + ecart)
      const texte = v === null ? "n.d." : Rendu.nombre(v, h.format ?? "decimal")
      if (v !== null) {
        const a = x(Math.min(0, v))
        const b = x(Math.max(0, v))
        parts.push(
          `<rect class="barre" x="${a.toFixed(1)}" y="${y}" width="${Math.max(b - a, v === 0 ? 0 : 1).toFixed(1)}" ` +
            `height="${barre}" fill="${COULEURS[k % COULEURS.length]}">` +
            `<title>${echapper(`${c} · ${s.libelle} : ${texte}`)}</title></rect>`
        )
      }
      parts.push(
        `<text class="valeur" x="${(x(Math.max(0, v ?? 0)) + 4).toFixed(1)}" y="${y + barre - 5}" font-size="12">` +
          `${echapper(texte)}</text>`
      )
    })
  })
  const zero = x(0).toFixed(1)
  parts.push(
    `<line x1="${zero}" x2="${zero}" y1="${legende + 4}" y2="${hauteur - 4}" stroke="#5f6368" stroke-width="1"/>`
  )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${largeur}" height="${hauteur}" ` +
    `viewBox="0 0 ${largeur} ${hauteur}" ` +
    `role="img" aria-labelledby="${id}-titre" font-family="system-ui, sans-serif" fill="#1b1b1b">` +
    `<title id="${id}-titre">${echapper(h.titre)}</title>${parts.join("")}</svg>`
}

const tableHtml = (e: Extrait, legende: string): string => {
  const th = (c: Colonne) =>
    `<th scope="col"${Rendu.numerique(c) ? " class=\"n\"" : ""} title="${echapper(c.description)}">` +
    `${echapper(c.libelle)}</th>`
  const td = (c: Colonne, v: Projection.Cell | undefined) =>
    `<td${Rendu.numerique(c) ? " class=\"n\"" : ""}>${echapper(Rendu.texte(c, v ?? null))}</td>`
  const corps = e.lignes.map((l) => `<tr>${e.colonnes.map((c) => td(c, l[c.nom])).join("")}</tr>`).join("\n")
  return `<div class="defilement"><table id="table-${e.nom}"><caption>${echapper(legende)}</caption>` +
    `<thead><tr>${e.colonnes.map(th).join("")}</tr></thead><tbody>\n${corps}\n</tbody></table></div>` +
    (e.lignes.length === 0 ? paragraphe("Aucune ligne.", "vide") : "")
}

const section = (s: Rapport.Section, i: number): string => {
  const id = `s${i + 1}`
  const titre = Rapport.titreDe(s)
  const classes = [s._tag.toLowerCase(), ...(s.sautDePage === true ? ["saut"] : [])].join(" ")
  const intro = s._tag !== "Texte" && s.introduction !== undefined ? paragraphe(s.introduction, "introduction") : ""
  const entete = `<section id="${id}" class="${classes}"><h2>${echapper(titre)}</h2>${intro}`
  switch (s._tag) {
    case "Texte":
      return `${entete}${s.paragraphes.map((p) => paragraphe(p)).join("")}</section>`
    case "Chronologie": {
      const etapes = [...s.etapes].sort((a, b) => (a.jour < b.jour ? -1 : a.jour > b.jour ? 1 : 0))
      const li = etapes.map((e) =>
        `<li><time datetime="${echapper(e.jour)}">${echapper(Rendu.jour(e.jour))}</time>` +
        (e.categorie === undefined ? "" : `<span class="categorie">${echapper(e.categorie)}</span>`) +
        `<strong>${echapper(e.libelle)}</strong>${e.detail === undefined ? "" : paragraphe(e.detail)}</li>`
      )
      const vide = etapes.length === 0 ? paragraphe("Aucune étape.", "vide") : ""
      return `${entete}<ol class="etapes">${li.join("\n")}</ol>${vide}</section>`
    }
    case "Tableau":
      return `${entete}${paragraphe(s.extrait.grain, "grain")}${tableHtml(s.extrait, titre)}</section>`
    case "Histogramme":
      return `${entete}<figure>${svg(s, id)}` +
        (s.source === undefined ? "" : `<figcaption>Source : ${echapper(s.source)}</figcaption>`) +
        `</figure></section>`
  }
}

const provenance = (m: Provenance.Manifeste): string => {
  const projections = m.projections.map((p) => `${p.nom} v${p.version}`).join(", ")
  const tables = m.tables.map((t) =>
    `<tr><td><a href="#table-${t.nom}">${echapper(t.titre)}</a></td>` +
    `<td class="n">${Rendu.nombre(t.lignes, "entier")}</td>` +
    `<td><code>${t.sha256}</code></td></tr>`
  )
  // The manifest as JSON for tools; `<` escaped so no text can close the element.
  const json = JSON.stringify(m).replace(/</g, "\\u003c")
  return `<footer class="provenance"><h2>Provenance</h2><dl>` +
    `<dt>Magasin</dt><dd>${echapper(m.magasin)}</dd>` +
    `<dt>Position globale</dt><dd>${m.position}</dd>` +
    `<dt>Relu le</dt><dd><time datetime="${m.rejoueLe}">${m.rejoueLe}</time></dd>` +
    `<dt>Projections</dt><dd>${echapper(projections === "" ? "aucune" : projections)}</dd>` +
    `<dt>Empreintes</dt><dd>${echapper(m.empreinte)}</dd></dl>` +
    (tables.length === 0
      ? ""
      : `<table><thead><tr><th>Table</th><th class="n">Lignes</th><th>SHA-256</th></tr></thead>` +
        `<tbody>${tables.join("")}</tbody></table>`) +
    `<script type="application/json" id="manifeste">${json}</script></footer>`
}

/**
 * The report as an HTML document (`lang="fr"`, UTF-8): title, subtitle, summary with key figures, a table of contents
 * (hidden in print), the sections, and a footer with the provenance of its tables (also as JSON in
 * `<script type="application/json" id="manifeste">`). Every text is escaped. Print: A4, tables repeat their header on
 * each page, rows, steps and charts are not split, a section with `sautDePage` starts a page, colours are kept.
 */
export const document = Effect.fn("Html.document")(function*(rapport: Rapport.Rapport, source: Provenance.Source) {
  const r = Rapport.raison(rapport)
  if (r !== undefined) return yield* r
  const m = yield* Provenance.manifeste(source, Rapport.extraits(rapport))
  const resume = rapport.resume
  const chiffres = (resume?.chiffres ?? []).map((c) =>
    `<li><span class="valeur">${echapper(Rendu.nombre(c.valeur, c.format ?? "decimal"))}</span>` +
    `<span class="libelle">${echapper(c.libelle)}</span></li>`
  )
  const paragraphes = (resume?.paragraphes ?? []).map((p) => paragraphe(p))
  const sommaire = rapport.sections.map((s, i) => `<li><a href="#s${i + 1}">${echapper(Rapport.titreDe(s))}</a></li>`)
  const nav = sommaire.length < 2
    ? ""
    : `<nav class="sommaire" aria-label="Sommaire"><h2>Sommaire</h2><ol>${sommaire.join("")}</ol></nav>`
  const sousTitre = rapport.sousTitre === undefined ? "" : paragraphe(rapport.sousTitre, "sous-titre")
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="sdsf">
<title>${echapper(rapport.titre)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${echapper(rapport.titre)}</h1>${sousTitre}</header>
${
    paragraphes.length + chiffres.length === 0
      ? ""
      : `<section class="resume" aria-label="Résumé">${paragraphes.join("")}${
        chiffres.length === 0 ? "" : `<ul class="chiffres">${chiffres.join("")}</ul>`
      }</section>`
  }
${nav}
<main>
${rapport.sections.map(section).join("\n")}
</main>
${provenance(m)}
</body>
</html>
`
})
