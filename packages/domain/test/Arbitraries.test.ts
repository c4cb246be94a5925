import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import {
  Commandes,
  Evenements,
  Gouvernance,
  Indicateur,
  Institution,
  Periode,
  Personne,
  Plan,
  Territoire,
  Temps,
  Theme
} from "@sdsf/domain"
import { Arbitraries as A } from "@sdsf/domain/testing"

const NUM_RUNS = 60

const conforme = <T>(schema: Schema.Top, arbitraire: fc.Arbitrary<T>, numRuns = NUM_RUNS) => {
  const is = Schema.is(schema)
  fc.assert(
    fc.property(arbitraire, (x) => {
      if (!is(x)) throw new Error(`not a valid value: ${JSON.stringify(x)}`)
    }),
    { numRuns }
  )
}

describe("Arbitraries: every generated value passes its schema", () => {
  const valeurs: ReadonlyArray<readonly [string, Schema.Top, fc.Arbitrary<unknown>]> = [
    ["Jour", Temps.Jour, A.jour],
    ["Jour (leap years)", Temps.Jour, A.jourDansAnnees(1900, 2100)],
    ["Instant", Temps.Instant, A.instant],
    ["Annee", Temps.Annee, A.annee],
    ["CodeDepartement", Territoire.CodeDepartement, A.codeDepartement],
    ["CodeCommune", Territoire.CodeCommune, A.codeCommune],
    ["CodeArrondissement", Territoire.CodeArrondissement, A.codeArrondissement],
    ["CodeEpci", Territoire.CodeEpci, A.codeEpci],
    ["CodeQpv", Territoire.CodeQpv, A.codeQpv],
    ["CodeRegion", Territoire.CodeRegion, A.codeRegion],
    ["NiveauTerritorial", Territoire.NiveauTerritorial, A.niveauTerritorial],
    ["Territoire", Territoire.Territoire, A.territoire],
    ["Periode", Periode.Periode, A.periode],
    ["Calendrier", Periode.Calendrier, A.calendrier],
    ["ThemeTransversal", Theme.ThemeTransversal, A.themeTransversal],
    ["Theme", Theme.Theme, A.theme],
    ["NatureInstitution", Institution.NatureInstitution, A.natureInstitution],
    ["InstitutionId", Institution.InstitutionId, A.institutionId],
    ["Institution", Institution.Institution, A.institution],
    ["Pilote", Institution.Pilote, A.pilote],
    ["SujetRef", Personne.SujetRef, A.sujetRef],
    ["InstanceId", Gouvernance.InstanceId, A.instanceId],
    ["NatureInstance", Gouvernance.NatureInstance, A.natureInstance],
    ["Role", Gouvernance.Role, A.role],
    ["Cadence", Gouvernance.Cadence, A.cadence],
    ["Instance", Gouvernance.Instance, A.instance],
    ["Membre", Gouvernance.Membre, A.membre],
    ["CodeIndicateur", Indicateur.CodeIndicateur, A.codeIndicateur],
    ["Unite", Indicateur.Unite, A.unite],
    ["Categorie", Indicateur.Categorie, A.categorie],
    ["CodeDimension", Indicateur.CodeDimension, A.codeDimension],
    ["Dimension", Indicateur.Dimension, A.dimension],
    ["Ventilation", Indicateur.Ventilation, A.ventilation],
    ["Mesure", Indicateur.Mesure, A.mesure],
    ["Formule", Indicateur.Formule, A.formule],
    ["DefinitionIndicateur", Indicateur.DefinitionIndicateur, A.definitionIndicateur],
    ["PeriodeObservee", Indicateur.PeriodeObservee, A.periodeObservee],
    ["ValeurId", Indicateur.ValeurId, A.valeurId],
    ["ValeurIndicateur", Indicateur.ValeurIndicateur, A.valeurIndicateur],
    ["NoeudId", Plan.NoeudId, A.noeudId],
    ["NatureNoeud", Plan.NatureNoeud, A.natureNoeud],
    ["EtatAvancement", Plan.EtatAvancement, A.etatAvancement],
    ["DetailsAction", Plan.DetailsAction, A.detailsAction],
    ["Noeud", Plan.Noeud, A.noeud],
    ["ModificationNoeud", Plan.ModificationNoeud, A.modificationNoeud],
    ["SchemaId", Evenements.SchemaId, A.schemaId],
    ["Regime", Evenements.Regime, A.regime],
    ["Vote", Evenements.Vote, A.vote],
    ["Predecesseur", Evenements.Predecesseur, A.predecesseur],
    ["Priorite", Evenements.Priorite, A.priorite],
    ["Constat", Evenements.Constat, A.constat]
  ]
  it.each(valeurs)("%s", (_, schema, arbitraire) => conforme(schema, arbitraire))

  it("commune codes belong to the département they were drawn for (2A, 2B and overseas included)", () => {
    fc.assert(
      fc.property(A.codeDepartement.chain((d) => A.codeCommuneDe(d).map((c) => [d, c] as const)), ([d, c]) => {
        expect(Territoire.departementDe({ niveau: "commune", code: c })).toBe(d)
        expect(Schema.is(Territoire.CodeCommune)(c)).toBe(true)
      })
    )
  })

  it("every département code is generated from the full list, Corsica and overseas included", () => {
    expect(A.codesDepartements).toHaveLength(102)
    expect(A.codesDepartements).toEqual(expect.arrayContaining(["01", "2A", "2B", "95", "971", "976"]))
    expect(A.codesDepartements).not.toContain("20")
    for (const d of A.codesDepartements) expect(Schema.is(Territoire.CodeDepartement)(d)).toBe(true)
    for (const a of A.codesArrondissements) expect(Schema.is(Territoire.CodeArrondissement)(a)).toBe(true)
  })

  it("formulas are bounded in depth", () => {
    const profondeur = (
      f: Indicateur.Formule
    ): number => (f.op === "ref" || f.op === "const" ? 0 : 1 + Math.max(...f.args.map(profondeur)))
    fc.assert(fc.property(A.formuleDe(A.codeIndicateur, 2), (f) => profondeur(f) <= 2))
  })
})

describe("Arbitraries: every command and event passes its schema", () => {
  it("one arbitrary per command tag, and one per event tag", () => {
    expect(Object.keys(A.commandes).sort()).toEqual(Object.keys(Commandes.Commande.cases).sort())
    expect(Object.keys(A.evenements).sort()).toEqual(Object.keys(Evenements.Evenement.cases).sort())
  })

  const parCommande: ReadonlyArray<readonly [string, fc.Arbitrary<Commandes.Commande>]> = Object.entries(A.commandes)
  const parEvenement: ReadonlyArray<readonly [string, fc.Arbitrary<Evenements.Evenement>]> = Object.entries(
    A.evenements
  )

  it.each(parCommande)("command %s", (tag, arbitraire) => {
    fc.assert(fc.property(arbitraire, (c) => c._tag === tag))
    conforme(Commandes.Commande.cases[tag as Commandes.TypeCommande], arbitraire, 30)
    conforme(Commandes.Commande, arbitraire, 30)
  })

  it.each(parEvenement)("event %s", (tag, arbitraire) => {
    fc.assert(fc.property(arbitraire, (e) => e._tag === tag))
    conforme(Evenements.Evenement.cases[tag as Evenements.TypeEvenement], arbitraire, 30)
    conforme(Evenements.Evenement, arbitraire, 30)
  })

  it("commande and evenement draw from every tag", () => {
    const vus = new Set<string>()
    fc.assert(fc.property(A.commande, (c) => void vus.add(c._tag)), { numRuns: 2_000 })
    expect(vus.size).toBe(Object.keys(Commandes.Commande.cases).length)
    conforme(Commandes.Commande, A.commande, 200)
    conforme(Evenements.Evenement, A.evenement, 200)
  })
})
