/**
 * Figures as documents print them (issue 9, case 5: breakdowns, ranges and approximations, new units, régions and
 * France métropolitaine, declared additivity) and contradictions inside one document (case 6: both kept, flagged; a
 * restatement is deliberate, with its reason). Each test cites the seed line its figure comes from.
 */
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Commandes as C, Evenements, IdGenerator, Indicateur, Temps, Territoire } from "@sdsf/domain"
import { Given } from "@sdsf/domain/testing"
import { valeursDe } from "./lecture.ts"

const id = (...k: ReadonlyArray<string>) => IdGenerator.deriveId("test-indicateurs", ...k)
const schemaId = id("schema") as Evenements.SchemaId
const base = (jour = "2025-07-01") => ({ schemaId, survenuLe: `${jour}T10:00:00.000Z` as Temps.Instant })
const code = (s: string) => s as Indicateur.CodeIndicateur
const vid = (k: string) => id("valeur", k) as Indicateur.ValeurId

const lancer = new C.LancerElaboration({
  ...base("2021-10-01"),
  departement: "75" as never,
  periode: { debut: 2021 as Temps.Annee, fin: 2026 as Temps.Annee },
  intitule: "Schéma parisien des services aux familles 2021-2026",
  regime: "decret-2021-1644",
  le: Temps.leJour("2021-10-01" as Temps.Jour),
  predecesseurs: []
})
const given = (cmds: ReadonlyArray<C.Commande>) => Given.given(Given.histoire([lancer, ...cmds]).events)

type Champs = Omit<Indicateur.ValeurIndicateur, "valeurId" | "indicateur" | "enregistreLe">
const valeur = (k: string, indicateur: string, champs: Partial<Champs> & Pick<Champs, "mesure">, jour = "2025-07-01") =>
  new C.EnregistrerValeurIndicateur({
    ...base(jour),
    valeur: {
      valeurId: vid(k),
      indicateur: code(indicateur),
      territoire: Territoire.departement("75"),
      periode: { annee: 2019 as Temps.Annee },
      unite: "nombre",
      source: "Caf de Paris",
      enregistreLe: `${jour}T10:00:00.000Z` as Temps.Instant,
      ...champs
    }
  })
const definir = (indicateur: string, d: Partial<Indicateur.DefinitionIndicateur> = {}) =>
  new C.DefinirIndicateur({
    ...base(),
    definition: {
      code: code(indicateur),
      libelle: indicateur,
      unite: "nombre",
      categorie: "effectif",
      additivite: "somme",
      niveaux: ["departement", "arrondissement"],
      ...d
    }
  })
const x = Indicateur.exacte
const gestion: Indicateur.Dimension = {
  code: "gestion" as Indicateur.CodeDimension,
  libelle: "Gestion",
  modalites: ["municipale", "associative"]
}
const ventilation = (v: Record<string, string>) => v as Indicateur.Ventilation

describe("issue 9 case 5: breakdowns are dimensions of one indicator", () => {
  const creches = definir("creches", { dimensions: [gestion] })

  it("seed 004 l.51: 770 crèches 'à gestion municipale ou associative' are the whole and its breakdown, not two restatements", () => {
    const { state, warnings } = given([creches, valeur("tout", "creches", { mesure: x(770) })])
      .when(valeur("mun", "creches", { mesure: x(400), ventilation: ventilation({ gestion: "municipale" }) }))
      .thenOk()
    expect(warnings).toEqual([])
    if (state._tag !== "Schema") throw new Error("launched")
    expect([...state.valeursCourantes.keys()]).toEqual([
      "creches|departement:75|2019",
      "creches|departement:75|2019|gestion=municipale"
    ])
  })

  it("a breakdown names only declared dimensions and categories: VentilationInvalide", () => {
    given([creches]).when(valeur("a", "creches", { mesure: x(1), ventilation: ventilation({ gestion: "privee" }) }))
      .thenError("VentilationInvalide", (e) => {
        expect(e).toMatchObject({ indicateur: "creches", dimension: "gestion", modalite: "privee" })
        expect(e.raison).toContain("municipale, associative")
      })
    given([creches]).when(
      valeur("a", "creches", { mesure: x(1), ventilation: ventilation({ "tranche-age": "0-5 ans" }) })
    )
      .thenError("VentilationInvalide", (e) => expect(e.raison).toContain("declared dimensions: gestion"))
    given([definir("eaje")]).when(
      valeur("a", "eaje", { mesure: x(1), ventilation: ventilation({ gestion: "municipale" }) })
    )
      .thenError("VentilationInvalide", (e) => expect(e.raison).toBe("the indicator is not broken down"))
  })

  it("a definition lists each dimension, and each of its categories, once: the decode error names the duplicate", () => {
    const lire = (dimensions: unknown) =>
      Schema.decodeUnknownResult(Indicateur.DefinitionIndicateur)({
        code: "creches",
        libelle: "Crèches",
        unite: "nombre",
        categorie: "effectif",
        additivite: "somme",
        niveaux: ["departement"],
        dimensions
      })
    const deuxFois = lire([{ code: "gestion", libelle: "Gestion" }, { code: "gestion", libelle: "Gestion bis" }])
    expect(Result.isFailure(deuxFois) && deuxFois.failure.message).toContain("dimension gestion is listed twice")
    const categorie = lire([{ code: "gestion", libelle: "Gestion", modalites: ["municipale", "municipale"] }])
    expect(Result.isFailure(categorie) && categorie.failure.message).toContain("category municipale is listed twice")
    expect(Result.isSuccess(lire([gestion]))).toBe(true)
  })

  it("seed 002 l.186: 'enfants inscrits dans les crèches 0-5 ans' recorded before its definition must fit its dimensions", () => {
    const inscrits = valeur("i", "inscrits-creches", {
      mesure: x(25912),
      ventilation: ventilation({ "tranche-age": "0-5 ans" })
    })
    given([inscrits]).when(definir("inscrits-creches")).thenError("VentilationInvalide")
    const age = { code: "tranche-age" as Indicateur.CodeDimension, libelle: "Tranche d'âge" }
    given([inscrits]).when(definir("inscrits-creches", { dimensions: [age] })).thenWarnings([])
  })
})

describe("issue 9 case 5: figures kept as printed", () => {
  const encode = Schema.encodeSync(Evenements.ValeurIndicateurEnregistree)
  const decode = Schema.decodeUnknownSync(Evenements.ValeurIndicateurEnregistree)

  it("seed 004 l.374 'environ 19 %', l.731 'près de 15 %': approximations keep their qualifier through the store", () => {
    const environ: Indicateur.Mesure = { nature: "approchee", valeur: 19, qualificatif: "environ" }
    const { events } = given([]).when(valeur("e", "part-3-6-ans", { mesure: environ, unite: "pourcent" })).thenOk()
    const e = events[0] as Evenements.ValeurIndicateurEnregistree
    expect(decode(encode(e)).valeur.mesure).toEqual(environ)
    expect(Indicateur.texteMesure(environ)).toBe("~19 (environ)")
    expect(Indicateur.nombreDe(environ)).toBe(19)
  })

  it("seed 004 l.975 'entre 20 et 30 %', l.298 'plus de 40 %', issue 9 '2 000 à 4 000 places': ranges and bounds", () => {
    const entre: Indicateur.Mesure = { nature: "intervalle", min: 20, max: 30, qualificatif: "entre ... et" }
    const plusDe: Indicateur.Mesure = { nature: "intervalle", min: 40, qualificatif: "plus de" }
    given([]).when(valeur("h", "part-handicap", { mesure: entre, unite: "pourcent" })).thenWarnings([
      "IndicateurNonDefini"
    ])
    given([]).when(valeur("b", "part-bas-revenus", { mesure: plusDe, unite: "pourcent" })).thenWarnings([
      "IndicateurNonDefini"
    ])
    given([]).when(valeur("p", "places", { mesure: { nature: "intervalle", min: 2000, max: 4000 }, unite: "places" }))
      .thenWarnings(["IndicateurNonDefini"])
    expect(Indicateur.nombreDe(entre)).toBeUndefined()
    // A percentage's bounds lie within 0-100 like its value (domain.md "Rules").
    given([]).when(
      valeur("h", "part-handicap", { mesure: { nature: "intervalle", min: 20, max: 130 }, unite: "pourcent" })
    )
      .thenError("PourcentageHorsBornes", (e) => expect(e.valeur).toBe(130))
  })

  it("a range needs a bound, and ends after it starts: the decode error names the field", () => {
    const lire = Schema.decodeUnknownResult(Indicateur.Mesure)
    const vide = lire({ nature: "intervalle" })
    expect(Result.isFailure(vide) && vide.failure.message).toContain("min")
    const inverse = lire({ nature: "intervalle", min: 4000, max: 2000 })
    expect(Result.isFailure(inverse) && inverse.failure.message).toContain(
      "the range ends (2000) below its start (4000)"
    )
  })

  it("seed 004 l.335 '1 096 € par mois', l.260 '26 808 €/UC' a year, issue 9 ETP and yes/no per commune: units that exist", () => {
    given([]).when(valeur("s", "seuil-bas-revenus", {
      mesure: x(1096),
      unite: "euros-par-mois",
      territoire: { niveau: "france" }
    })).thenWarnings(["IndicateurNonDefini"])
    given([]).when(valeur("m", "revenu-median-uc", { mesure: x(26808), unite: "euros-par-an", source: "INSEE" }))
      .thenWarnings(["IndicateurNonDefini"])
    given([]).when(valeur("etp", "etp-coordination", { mesure: x(2.5), unite: "etp" })).thenWarnings([
      "IndicateurNonDefini"
    ])
    given([definir("ctg-signee", { unite: "oui-non", categorie: "autre", additivite: "aucune", niveaux: ["commune"] })])
      .when(
        valeur("ctg", "ctg-signee", {
          mesure: { nature: "oui-non", valeur: true },
          unite: "oui-non",
          territoire: Territoire.commune("93066")
        })
      )
      .thenWarnings([])
  })

  it("a yes/no or category unit takes a yes/no or category measure, numbers a number: the error names mesure.nature", () => {
    const r = Schema.decodeUnknownResult(Indicateur.ValeurIndicateur)(
      Schema.encodeSync(Indicateur.ValeurIndicateur)(valeur("a", "ctg", { mesure: x(1) }).valeur) as object
    )
    expect(Result.isSuccess(r)).toBe(true)
    const faux = {
      ...(Schema.encodeSync(Indicateur.ValeurIndicateur)(valeur("a", "ctg", { mesure: x(1) }).valeur) as object),
      unite: "oui-non"
    }
    const f = Schema.decodeUnknownResult(Indicateur.ValeurIndicateur)(faux)
    expect(Result.isFailure(f) && f.failure.message).toContain("a value in oui-non is oui-non, not exacte")
    expect(Result.isFailure(f) && f.failure.message).toContain("nature")
  })

  it("seed 004 l.246 and l.254: the région Île-de-France and France métropolitaine are territories of their own", () => {
    const idf = Territoire.region("11")
    const metropole: Territoire.Territoire = { niveau: "france", perimetre: "metropolitaine" }
    expect([idf, metropole, { niveau: "france" } as const].map(Territoire.cleTerritoire)).toEqual([
      "region:11",
      "france:metropolitaine",
      "france"
    ])
    const { state } = given([
      valeur("idf", "part-20-29-ans", { mesure: x(14), unite: "pourcent", territoire: idf, source: "INSEE" }),
      valeur("fm", "part-20-29-ans", { mesure: x(12), unite: "pourcent", territoire: metropole, source: "INSEE" })
    ]).when(valeur("p", "part-20-29-ans", { mesure: x(18), unite: "pourcent", source: "INSEE" })).thenOk()
    if (state._tag !== "Schema") throw new Error("launched")
    expect(state.valeursCourantes.size).toBe(3)
    expect(() => Territoire.region("05")).toThrow()
  })
})

describe("issue 9 case 5: additivity is declared, never guessed from the unit", () => {
  it("seed 004 l.260: a median income in euros is declared non-additive; rates and yes/no cannot be summed (AdditiviteIncoherente)", () => {
    given([]).when(definir("revenu-median-uc", { unite: "euros-par-an", categorie: "montant", additivite: "aucune" }))
      .thenWarnings([])
    given([]).when(definir("part-familles", { unite: "pourcent", categorie: "taux", additivite: "somme" }))
      .thenError("AdditiviteIncoherente", (e) => expect(e).toMatchObject({ unite: "pourcent", additivite: "somme" }))
    given([]).when(definir("ctg", { unite: "oui-non", categorie: "autre", additivite: "moyenne" })).thenError(
      "AdditiviteIncoherente"
    )
    const sans = Schema.decodeUnknownResult(Indicateur.DefinitionIndicateur)({
      code: "x",
      libelle: "x",
      unite: "nombre",
      categorie: "effectif",
      niveaux: ["commune"]
    })
    expect(Result.isFailure(sans) && sans.failure.message).toContain("additivite")
  })
})

describe("issue 9 case 6: contradictions inside one document are kept and flagged", () => {
  const eaje = definir("eaje")
  // Seed 002 l.185 prints 34 EAJE in Saint-Denis (CD93, 2023); a second figure of the same table is the contradiction.
  const sd = (k: string, n: number, o: Partial<Champs> = {}, jour = "2025-07-01") =>
    valeur(k, "eaje", {
      mesure: x(n),
      territoire: Territoire.commune("93066"),
      periode: { annee: 2023 as Temps.Annee },
      source: "CD93",
      ...o
    }, jour)

  it("two figures of one key from one source: both kept, ValeursContradictoires, nothing restated", () => {
    const { events, warnings, state } = given([eaje, sd("a", 34)]).when(sd("b", 35, {}, "2025-07-02")).thenOk()
    expect(warnings).toEqual([{
      _tag: "ValeursContradictoires",
      indicateur: "eaje",
      cle: "eaje|commune:93066|2023",
      source: "CD93",
      valeurs: [vid("a"), vid("b")],
      mesures: ["34", "35"]
    }])
    expect((events[0] as Evenements.ValeurIndicateurEnregistree).valeur.retraitement).toBeUndefined()
    if (state._tag !== "Schema") throw new Error("launched")
    const valeurs = valeursDe(Given.histoire([lancer, eaje, sd("a", 34), sd("b", 35, {}, "2025-07-02")]).events)
    const connues = Indicateur.connusLe(valeurs, valeurs[0] as Indicateur.ValeurIndicateur, "2025-12-31" as Temps.Jour)
    expect(connues.map((v) => Indicateur.nombreDe(v.mesure))).toEqual([34, 35])
    expect(state.valeursCourantes.get("eaje|commune:93066|2023")?.map((v) => v.valeurId)).toEqual([vid("a"), vid("b")])
    // A third figure contradicts both.
    const [w] = given([eaje, sd("a", 34), sd("b", 35)]).when(sd("c", 36)).thenWarnings(["ValeursContradictoires"])
    expect(w).toMatchObject({ valeurs: [vid("a"), vid("b"), vid("c")], mesures: ["34", "35", "36"] })
  })

  it("the same figure repeated, or another source's figure, is no contradiction", () => {
    given([eaje, sd("a", 34)]).when(sd("b", 34)).thenWarnings([])
    given([eaje, sd("a", 34)]).when(sd("b", 33, { source: "CAF" })).thenWarnings([])
  })

  it("a restatement is deliberate: it names what it replaces, with its reason, and raises no contradiction", () => {
    const motif = "chiffre définitif de la PMI"
    const restatement = sd("b", 35, { retraitement: { remplace: vid("a"), motif } }, "2025-09-01")
    const { warnings, state } = given([eaje, sd("a", 34)]).when(restatement).thenOk()
    expect(warnings).toEqual([])
    if (state._tag !== "Schema") throw new Error("launched")
    expect(state.valeursCourantes.get("eaje|commune:93066|2023")?.map((v) => v.valeurId)).toEqual([vid("b")])
    const valeurs = valeursDe(Given.histoire([lancer, eaje, sd("a", 34), restatement]).events)
    const cle = valeurs[0] as Indicateur.ValeurIndicateur
    expect(Indicateur.connusLe(valeurs, cle, "2025-08-01" as Temps.Jour).map((v) => v.valeurId)).toEqual([vid("a")])
    expect(Indicateur.connusLe(valeurs, cle, "2025-09-01" as Temps.Jour).map((v) => v.valeurId)).toEqual([vid("b")])
  })

  it("restating one of two contradictory figures resolves the contradiction only when it agrees with the other", () => {
    const contradiction = [eaje, sd("a", 34), sd("b", 35)]
    const corrige = (n: number) => sd("c", n, { retraitement: { remplace: vid("a"), motif: "erreur de frappe" } })
    given(contradiction).when(corrige(35)).thenWarnings([])
    const [w] = given(contradiction).when(corrige(36)).thenWarnings(["ValeursContradictoires"])
    expect(w).toMatchObject({ valeurs: [vid("b"), vid("c")], mesures: ["35", "36"] })
  })

  it("a restatement without its reason, of another key, of an unknown or already restated value is refused", () => {
    given([eaje, sd("a", 34)]).when(sd("b", 35, { retraitement: { remplace: vid("a") } }))
      .thenError("RetraitementInvalide", (e) => expect(e.raison).toContain("motif"))
    given([eaje, sd("a", 34)]).when(
      sd("b", 35, { retraitement: { remplace: vid("a"), motif: "m" }, periode: { annee: 2022 as Temps.Annee } })
    )
      .thenError("RetraitementInvalide", (e) => expect(e.raison).toContain("another key"))
    given([eaje]).when(sd("b", 35, { retraitement: { remplace: vid("z"), motif: "m" } }))
      .thenError("Inconnu", (e) => expect(e).toMatchObject({ quoi: "valeur", champ: "valeur.retraitement.remplace" }))
    given([eaje, sd("a", 34), sd("b", 35, { retraitement: { remplace: vid("a"), motif: "m" } })])
      .when(sd("c", 36, { retraitement: { remplace: vid("a"), motif: "m" } }))
      .thenError("RetraitementInvalide", (e) => expect(e.raison).toContain("already restated"))
  })
})

describe("version 1 indicator events still decode (upcasters)", () => {
  const stocke = (type: string, data: unknown) => Catalogue.decoder({ type, typeVersion: 1, data })
  const commun = { schemaId, survenuLe: "2025-12-12T10:00:00.000Z" }

  it("a v1 value: its bare number becomes an exact measure, its event-level retraite a restatement without a motif", () => {
    const v1 = JSON.parse(`{
      "schemaId": "${schemaId}",
      "survenuLe": "2025-12-12T10:00:00.000Z",
      "valeur": {
        "valeurId": "${vid("v1")}",
        "indicateur": "places-avip-avis-soutenues",
        "territoire": { "niveau": "departement", "code": "92" },
        "periode": { "annee": 2025 },
        "valeur": 204,
        "unite": "places",
        "source": "Caf 92",
        "enregistreLe": "2025-12-12T10:00:00.000Z"
      },
      "retraite": "${vid("v0")}"
    }`)
    const r = stocke("ValeurIndicateurEnregistree", v1)
    if (Result.isFailure(r)) throw r.failure
    expect(r.success).toMatchObject({
      _tag: "ValeurIndicateurEnregistree",
      valeur: { mesure: { nature: "exacte", valeur: 204 }, retraitement: { remplace: vid("v0") } }
    })
    expect(r.success._tag === "ValeurIndicateurEnregistree" && "retraite" in r.success).toBe(false)
    const { retraite, ...sansRetraite } = v1
    const r2 = stocke("ValeurIndicateurEnregistree", sansRetraite)
    expect(Result.isSuccess(r2) && r2.success._tag === "ValeurIndicateurEnregistree" && r2.success.valeur.retraitement)
      .toBeUndefined()
    expect(retraite).toBe(vid("v0"))
  })

  it("a v1 definition: counts and places stay summed; euros (a median?) and rates are not", () => {
    const def = (unite: string) =>
      JSON.parse(`{ "schemaId": "${commun.schemaId}", "survenuLe": "${commun.survenuLe}",
        "definition": { "code": "x", "libelle": "X", "unite": "${unite}", "categorie": "autre", "niveaux": ["commune"] } }`)
    const additivite = (unite: string) => {
      const r = stocke("IndicateurDefini", def(unite))
      if (Result.isFailure(r)) throw r.failure
      return r.success._tag === "IndicateurDefini" ? r.success.definition.additivite : undefined
    }
    expect(["nombre", "places", "heures", "jours", "euros", "pourcent", "pour-100", "ratio"].map(additivite)).toEqual([
      "somme",
      "somme",
      "somme",
      "somme",
      "aucune",
      "aucune",
      "aucune",
      "aucune"
    ])
  })
})
