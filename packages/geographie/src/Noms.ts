/** Name keys and edit distance: how a printed name is compared with the official one (usable on any list of names). */

const ARTICLES = new Set(["le", "la", "les", "l"])

const ordinal = /^([0-9]+)(?:er|re|e|eme|ieme|nd|nde)$/

/**
 * The comparison key of a name: no accents, no case, ligatures spelt out, every run of other characters (hyphens,
 * apostrophes, dots, spaces) one space, "saint(e)" as "st(e)", ordinals as numbers, "arrondissement" dropped, an
 * article printed last in parentheses ("Île-Saint-Denis (L')") put first, and markup of text extracted from PDF or
 * HTML dropped ("19<sup>e</sup>").
 */
export const cle = (nom: string): string => {
  const base = nom
    .replace(/<[^>]*>/g, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
  const article = /\((l'|l’|le|la|les)\)\s*$/.exec(base)
  const ordonne = article === null ? base : `${article[1]} ${base.slice(0, article.index)}`
  const mots: Array<string> = []
  for (const mot of ordonne.split(/[^a-z0-9]+/)) {
    if (mot === "" || mot === "arrondissement" || mot === "arr") continue
    const o = ordinal.exec(mot)
    mots.push(mot === "saint" ? "st" : mot === "sainte" ? "ste" : o === null ? mot : String(Number(o[1])))
  }
  return mots.join(" ")
}

/** The key without a leading article ("le blanc mesnil" → "blanc mesnil"), or undefined when it has none. */
export const sansArticle = (k: string): string | undefined => {
  const i = k.indexOf(" ")
  return i > 0 && ARTICLES.has(k.slice(0, i)) ? k.slice(i + 1) : undefined
}

const TYPES_GROUPEMENT = [
  "etablissement public territorial",
  "communaute d agglomeration",
  "communaute de communes",
  "communaute de commune",
  "communaute urbaine",
  "metropole",
  "ept",
  "ca",
  "cc",
  "cu"
]

/**
 * The short key of an EPCI or EPT name: without its legal form ("CA", "Communauté de communes"...), a linking
 * "de/du/des/d'" and an acronym in parentheses ("CC de l'Est Lyonnais (CCEL)" → "l est lyonnais").
 */
export const cleCourte = (nom: string): string => {
  let k = cle(nom.replace(/\([^)]*\)/g, " "))
  for (const t of TYPES_GROUPEMENT) {
    if (k.startsWith(`${t} `)) {
      k = k.slice(t.length + 1)
      break
    }
  }
  for (const liaison of ["de la ", "de ", "du ", "des ", "d "]) {
    if (k.startsWith(liaison)) return k.slice(liaison.length)
  }
  return k
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and transpositions of
 * adjacent characters), or `borne + 1` as soon as it must exceed `borne`.
 */
export const distance = (a: string, b: string, borne: number): number => {
  if (Math.abs(a.length - b.length) > borne) return borne + 1
  const n = b.length
  if (lignes.length < 3 * (n + 1)) lignes = new Int32Array(6 * (n + 1))
  // Three rows (i - 2, i - 1, i) of n + 1 cells, rotated in one buffer reused across calls.
  const l = lignes
  const w = n + 1
  let avant = 0
  let prec = w
  let cour = 2 * w
  for (let j = 0; j <= n; j++) l[prec + j] = j
  for (let i = 1; i <= a.length; i++) {
    l[cour] = i
    let min = i
    const ai = a.charCodeAt(i - 1)
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1)
      let d = Math.min(l[prec + j]! + 1, l[cour + j - 1]! + 1, l[prec + j - 1]! + (ai === bj ? 0 : 1))
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        d = Math.min(d, l[avant + j - 2]! + 1)
      }
      l[cour + j] = d
      if (d < min) min = d
    }
    if (min > borne) return borne + 1
    const t = avant
    avant = prec
    prec = cour
    cour = t
  }
  return Math.min(l[prec + n]!, borne + 1)
}

let lignes = new Int32Array(192)

/** How far a misspelt key may be from a candidate's: 2 edits, or one in three characters for long names. */
export const borne = (k: string): number => Math.max(2, Math.floor(k.length / 3))
