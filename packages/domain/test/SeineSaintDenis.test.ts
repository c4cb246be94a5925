import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Decider, Indicateur, SchemaDepartemental, Temps } from "@sdsf/domain"
import type { Gouvernance, Plan, Territoire } from "@sdsf/domain"
import { Given, SeineSaintDenis } from "@sdsf/domain/testing"
import { duType, noeudsDe, valeursDe } from "./lecture.ts"

const ecrire = () => {
  const { events: evenements, warnings: avertissements, state: etat } = Given.histoire(SeineSaintDenis.commandes())
  if (etat._tag !== "Schema") throw new Error("the schéma was not launched")
  return { etat, evenements, avertissements }
}

describe("Seine-Saint-Denis SDSF 2024-2026 (seed 002), to the axe 5 groupe de travail of 1 July 2025", () => {
  const { etat, evenements, avertissements } = ecrire()
  const noeuds = noeudsDe(evenements)
  const noeud = (id: Plan.NoeudId) => noeuds.find((n) => n.noeudId === id)
  const valeurs = valeursDe(evenements)
  const creees = new Map(duType(evenements, "InstanceCreee").map((e) => [e.instance.instanceId, e.instance]))
  const parNature = (n: Plan.NatureNoeud) => noeuds.filter((x) => x.nature === n)
  const N = (k: string) => SeineSaintDenis.noeuds[k] as Plan.NoeudId

  it("replays through the decider with exactly the expected warnings", () => {
    expect(avertissements).toEqual([
      // Launch not dated (seed 002 has no launch date).
      "NonDocumente",
      // CDSF cadence: none given (lines 91, 96 name the CDSF, no cadence).
      "NonDocumente",
      // No pilot: the 9 actions listed by axe (lines 123-141), fiche 5 (line 149), its 2 actions (lines 166-168).
      ...Array.from({ length: 12 }, () => "PiloteManquant"),
      // Adoption: "validation en mai" with no year (line 114), no vote.
      "NonDocumente",
      "NonDocumente",
      // Start of implementation: not dated, so its order with the adoption cannot be decided.
      "OrdreIndecidable",
      "NonDocumente"
    ])
  })

  it("is in mise en œuvre, adopted undated (line 114), launched undated, first SDSF (line 44)", () => {
    expect(etat.phase).toBe("mise-en-oeuvre")
    expect(etat.periode).toEqual({ debut: 2024, fin: 2026 })
    expect(duType(evenements, "ElaborationLancee")[0]?.le._tag).toBe("NonDocumente")
    expect(duType(evenements, "SchemaAdopte")[0]).toMatchObject({
      objet: "schema",
      le: { _tag: "NonDocumente" },
      vote: { _tag: "NonDocumente" }
    })
    expect(etat.signataires.size).toBe(0)
    // Line 29: "établi à la suite des groupes de travail de 2024": a year, not a day.
    expect(duType(evenements, "ConcertationTenue").map((c) => c.le)).toEqual([{ _tag: "Annee", annee: 2024 }])
  })

  it("line 72: 5 axes, coded 1-5, titles of lines 121, 127, 133, 138, 160", () => {
    const axes = parNature("axe")
    expect(axes.map((a) => a.code)).toEqual(["1", "2", "3", "4", "5"])
    expect(axes[3]?.titre).toBe("Renforcer l'accompagnement des parents et l'information des familles")
  })

  it("2 fiches: 1.1 under axe 1 (line 63), 5 under axe 5 (lines 149, 160)", () => {
    const fiches = parNature("fiche")
    expect(fiches.map((f) => [f.code, f.parentId])).toEqual([["1.1", N("axe1")], ["5", N("axe5")]])
  })

  it("fiche 1.1 (lines 64-69): pilot Caf, 3 acteurs, 5 priorités, 4 indicateurs, 6 actions clés", () => {
    const d = noeud(N("f1.1"))?.details
    expect(d?.pilotes).toEqual([{ institutionId: SeineSaintDenis.institutions["caf"] }])
    expect(d?.acteurs).toEqual(["Communes", "Conseil départemental (PMI notamment)", "Gestionnaires"])
    expect(d?.priorites).toHaveLength(5)
    expect(d?.indicateurs).toEqual([
      "Création et destructions de places d'accueil",
      "Taux d'occupation",
      "Taux de couverture collectif",
      "Réalisation du plan de contrôle coordonné"
    ])
    expect(d?.actionsCles).toHaveLength(6)
    // Kept as printed, the typo of line 69 included (listed in ecartsDesSources).
    expect(d?.actionsCles[5]).toMatch(/^Mise en place des modalités de repérage .*, en circualrisant/)
    expect(noeud(N("f1.1"))?.titre).toBe(
      "POURSUIVRE L'ACCOMPAGNEMENT À LA CRÉATION, AU MAINTIEN, AU DÉVELOPPEMENT DES EAJE ET VEILLER À LEUR QUALITÉ D'ACCUEIL"
    )
    expect(d?.calendrier).toBeUndefined()
  })

  it("fiche 5 (lines 151-158): 6 objectives, no pilot, acteurs, indicators nor calendrier printed", () => {
    const d = noeud(N("f5"))?.details
    expect(d?.priorites).toHaveLength(6)
    expect(d).toMatchObject({ pilotes: [], acteurs: [], indicateurs: [], actionsCles: [] })
  })

  // The empty bullet of line 131 is left out.
  it("11 actions: by axe 3, 2, 2, 2 (lines 123-141) and 2 under fiche 5 (lines 167-168)", () => {
    const actions = parNature("action")
    expect(actions).toHaveLength(11)
    const sous = (k: string) => actions.filter((a) => a.parentId === N(k)).length
    expect(["axe1", "axe2", "axe3", "axe4", "axe5", "f5"].map(sous)).toEqual([3, 2, 2, 2, 0, 2])
    // Only fiche 1.1 has a pilot (line 66); the fiche 5 table's Pilote column is empty (lines 166-168).
    expect(noeuds.filter((n) => (n.details?.pilotes.length ?? 0) > 0).map((n) => n.code)).toEqual(["1.1"])
  })

  it("lines 253-255: 3 propositions d'action à porter collectivement, as pistes under fiche 5", () => {
    expect(parNature("piste").map((p) => p.parentId)).toEqual([N("f5"), N("f5"), N("f5")])
  })

  it("lines 166-168: the two fiche 5 actions' progress as printed on 1 July 2025", () => {
    const avancements = (k: string) => duType(evenements, "AvancementActionSignale").filter((e) => e.noeudId === N(k))
    const a2 = avancements("f5.a2")
    expect(a2).toHaveLength(1)
    expect(a2?.[0]).toMatchObject({
      le: { _tag: "Jour", jour: "2025-07-01" },
      commentaire:
        "Séminaire Experice : \"Attractivité des métiers petite enfance\" Déploiement de temps d'appropriation du SDSF"
    })
    expect(avancements("f5.a1")).toHaveLength(1)
  })

  it("governance (lines 85-104): CDSF, no cadence given; a groupe de travail per axe, 2-3 meetings/year", () => {
    const instances = [...etat.instances.entries()]
    expect(instances.map(([, i]) => i.nature)).toEqual([
      "cdsf",
      ...Array.from({ length: 5 }, () => "groupe-de-travail")
    ])
    expect(creees.get(SeineSaintDenis.instances.cdsf)?.cadence).toMatchObject({ _tag: "NonDocumente" })
    for (const k of ["gt1", "gt2", "gt3", "gt4", "gt5"] as const) {
      expect(creees.get(SeineSaintDenis.instances[k])).toMatchObject({
        cadence: { minParAn: 2, maxParAn: 3 },
        duree: "un calendrier sur 1 an"
      })
    }
    // Only the axe 5 group is known to be installed: it met (lines 7-11). No co-animating partner is named (line 85).
    const installees = instances.filter(([, i]) => i.statut === "installee").map(([id]) => id)
    expect(installees).toEqual([SeineSaintDenis.instances.gt5])
    expect(duType(evenements, "CompositionInstanceDefinie")).toEqual([])
  })

  it("lines 7-19: the axe 5 group met on Tuesday 1 July 2025, 3-point agenda; 1 meeting of 2-3 expected", () => {
    const gt5 = duType(evenements, "ReunionTenue").filter((e) => e.instanceId === SeineSaintDenis.instances.gt5)
    expect(gt5.map((r) => Temps.anneeDeDatation(r.le))).toEqual([2025])
    expect(creees.get(SeineSaintDenis.instances.gt5)?.cadence).toMatchObject({ minParAn: 2, maxParAn: 3 })
    expect(duType(evenements, "CadenceInstanceModifiee")).toEqual([])
    expect(etat.reunions.get(SeineSaintDenis.reunions.gt5)).toBe(
      SeineSaintDenis.instances.gt5 as Gouvernance.InstanceId
    )
    expect(gt5[0]).toMatchObject({
      reunionId: SeineSaintDenis.reunions.gt5,
      le: { _tag: "Jour", jour: "2025-07-01" },
      ordreDuJour: [
        "Introduction",
        "Suivi des fiches actions",
        "Travail en groupe sur les actions à privilégier pour un portage collectif"
      ],
      decisions: []
    })
    expect(new Date("2025-07-01T12:00:00Z").getUTCDay()).toBe(2)
  })

  describe("portrait social, 7. Petite enfance (lines 178-187): Saint-Denis (93066) vs Seine-Saint-Denis", () => {
    type V = Indicateur.Ventilation
    const connu = (indicateur: string, territoire: Territoire.Territoire, annee: number, ventilation?: V) =>
      Indicateur.connusLe(valeurs, {
        indicateur: indicateur as Indicateur.CodeIndicateur,
        territoire,
        periode: { annee: annee as Temps.Annee },
        ...(ventilation === undefined ? {} : { ventilation })
      }, "2025-07-01" as Temps.Jour)
    const sd = { niveau: "commune", code: "93066" } as Territoire.Territoire
    const d93 = { niveau: "departement", code: "93" } as Territoire.Territoire
    const un = (vs: ReadonlyArray<Indicateur.ValeurIndicateur>) => {
      expect(vs).toHaveLength(1)
      return vs[0]
    }

    it("line 184: gardes à domicile 35 / 1 264, 2021, CAF", () => {
      expect(un(connu("gardes-a-domicile", sd, 2021))).toMatchObject({
        mesure: Indicateur.exacte(35),
        unite: "nombre",
        source: "CAF"
      })
      expect(un(connu("gardes-a-domicile", d93, 2021))?.mesure).toEqual(Indicateur.exacte(1264))
    })

    it("line 185: EAJE 34 / 446, 2023, CD93", () => {
      expect(un(connu("eaje", sd, 2023))).toMatchObject({ mesure: Indicateur.exacte(34), source: "CD93" })
      expect(un(connu("eaje", d93, 2023))?.mesure).toEqual(Indicateur.exacte(446))
    })

    it("line 186: children 0-5 enrolled in crèches 1 874 / 25 912, 2021, CAF (age group as a breakdown)", () => {
      const age = { "tranche-age": "0-5 ans" } as Indicateur.Ventilation
      const sdAge = un(connu("enfants-inscrits-creches", sd, 2021, age))
      expect(sdAge).toMatchObject({ mesure: Indicateur.exacte(1874), source: "CAF" })
      expect(un(connu("enfants-inscrits-creches", d93, 2021, age))?.mesure).toEqual(Indicateur.exacte(25912))
      expect(connu("enfants-inscrits-creches", sd, 2021)).toEqual([])
    })

    it("line 187: share of poor children in departmental crèches 44,9 % / 42,7 %, 2021, CAF; never summed", () => {
      const part = "part-enfants-pauvres-creches-departementales"
      expect(un(connu(part, sd, 2021))).toMatchObject({ mesure: Indicateur.exacte(44.9), unite: "pourcent" })
      expect(un(connu(part, d93, 2021))?.mesure).toEqual(Indicateur.exacte(42.7))
      expect(etat.definitions.get(part as Indicateur.CodeIndicateur)?.additivite).toBe("aucune")
    })

    it("8 figures, all sourced; none for France métropolitaine ('n.r.', lines 184-187); unknown before 1 July", () => {
      expect(valeurs.length).toBe(8)
      expect(valeurs.every((v) => typeof v.source === "string")).toBe(true)
      expect(valeurs.some((v) => v.territoire.niveau === "france")).toBe(false)
      const premiere = valeurs[0] as Indicateur.ValeurIndicateur
      expect(Indicateur.connuLe(valeurs, premiere, "2025-06-30" as Temps.Jour)).toBeUndefined()
    })
  })

  it("lists the seed's own inconsistencies, each citing seed 002 and a line", () => {
    expect(SeineSaintDenis.ecartsDesSources).toHaveLength(12)
    const { ecartsDesSources, lectures, nonTranscrits } = SeineSaintDenis
    for (const e of [...ecartsDesSources, ...lectures, ...nonTranscrits]) {
      expect(e).toMatch(/^seed 002 lines? \d+/)
    }
  })

  it("records no credential printed by the seed (line 193)", () => {
    const json = JSON.stringify(evenements.map(Catalogue.encoder))
    expect(json).not.toMatch(/AccueilCD9393|ami_accueil_pour_tous|univ-paris13/)
  })

  it("folds back to the same state from its stored events (encode → JSON → decode)", () => {
    const relus = evenements.map((e) => {
      const stored = JSON.parse(JSON.stringify(Catalogue.encoder(e)))
      return Result.getOrThrow(Catalogue.decoder(stored))
    })
    expect(Decider.fold(SchemaDepartemental.decider, relus)).toEqual(etat)
  })
})
