import { Effect, Result, Stream } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, Commandes as C, Evenements as E, Geographie, IdGenerator, Indicateur } from "@sdsf/domain"
import { Projection } from "@sdsf/domain"
import { EventStore } from "@sdsf/domain"
import type { Temps, Territoire } from "@sdsf/domain"
import { Given, HautsDeSeine, Paris, SeineSaintDenis } from "@sdsf/domain/testing"
import { MemoryEventStore } from "@sdsf/adapters-memory"
import { DecoupageAdministratif } from "@sdsf/geographie"
import { ProjectionIndicateurs as P, TableauIndicateurs as T } from "@sdsf/reporting"
import { depuisHistoires, donnees, journal } from "./journalIndicateurs.ts"

const at = (jour: string) => `${jour}T12:00:00.000Z` as Temps.Instant
const code = (s: string) => s as Indicateur.CodeIndicateur
const dep = (c: string) => ({ niveau: "departement", code: c }) as Territoire.Territoire
const com = (c: string) => ({ niveau: "commune", code: c }) as Territoire.Territoire
const x = Indicateur.exacte

const fixtures = [HautsDeSeine, SeineSaintDenis, Paris]
const histoires = fixtures.map((f) => Given.histoire(f.commandes()).events)
// The three schémas in one memory store, their streams interleaved 5 events at a time, read back as one log.
const log = await journal(histoires, 5)

const decodes = (events: ReadonlyArray<EventStore.RecordedEvent>): ReadonlyArray<Projection.Decoded> =>
  events.filter((r) => Projection.handles(P.projection, r.type)).map((r) => {
    const d = Projection.decode(P.projection, r, 0)
    if (Result.isFailure(d)) throw new Error(d.failure.message)
    return d.success
  })

describe("the indicator projection over the fixtures (one store, three schémas)", () => {
  const plie = Projection.fold(P.projection, log)
  if (Result.isFailure(plie)) throw new Error(plie.failure.message)
  const d = P.depuisTables(plie.success)

  it("writes one valeurs row per value recorded, each with its schéma and that schéma's département", () => {
    const lancements = new Map(
      histoires.flatMap((h) => h.flatMap((e) => (e._tag === "ElaborationLancee" ? [[e.schemaId, e.departement]] : [])))
    )
    const valeurs = histoires.flatMap((h) => h.flatMap((e) => (e._tag === "ValeurIndicateurEnregistree" ? [e] : [])))
    expect(d.schemas.map((r) => [r.schema_id, r.departement])).toEqual(
      [...lancements].sort(([a], [b]) => (a < b ? -1 : 1))
    )
    expect(d.valeurs).toHaveLength(valeurs.length)
    const parCle = new Map(d.valeurs.map((r) => [`${r.schema_id}|${r.valeur_id}`, r]))
    for (const e of valeurs) {
      const row = parCle.get(`${e.schemaId}|${e.valeur.valeurId}`)
      expect(row?.departement).toBe(lancements.get(e.schemaId))
      expect(row === undefined ? undefined : P.mesureDe(row)).toEqual(e.valeur.mesure)
    }
    const definitions = histoires.flatMap((h) => h.filter((e) => e._tag === "IndicateurDefini"))
    expect(d.definitions).toHaveLength(definitions.length)
    expect(P.extraits(d).map((e) => [e.nom, e.lignes.length])).toEqual([
      ["indicateurs_schemas", 3],
      ["indicateurs_definitions", definitions.length],
      ["indicateurs_valeurs", valeurs.length]
    ])
  })

  it("gives Projection.fold's tables when folded in batches of any size, as a persisted runner does", () => {
    const tout = decodes(log)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (tailles) => {
        const tables = Projection.emptyTables(P.projection)
        for (let i = 0, k = 0; i < tout.length; k++) {
          const lot = tout.slice(i, i += tailles[k % tailles.length] ?? 1)
          // Only the rows `reads` names are loaded, as a runner does in one query per table.
          const charges = new Map<string, Projection.Row | undefined>()
          for (const [t, cles] of Projection.readsOf(P.projection, lot)) {
            for (const cle of cles) {
              charges.set(`${t}|${Projection.keyText(cle)}`, tables.get(t)?.get(Projection.keyText(cle)))
            }
          }
          const touches = Projection.applyBatch(
            P.projection,
            lot,
            (t, cle) => charges.get(`${t}|${Projection.keyText(cle)}`)
          )
          if (Result.isFailure(touches)) throw new Error(touches.failure.message)
          Projection.writeTouched(tables, touches.success)
        }
        expect(P.depuisTables(tables)).toEqual(d)
      }),
      { numRuns: 25 }
    )
  })

  it("folds the store's stream as depuisJournal folds the collected log", async () => {
    const store = await Effect.runPromise(MemoryEventStore.make)
    for (const r of log) {
      await Effect.runPromise(store.append(r.streamName, EventStore.ExpectedVersion.any, [{
        eventId: r.eventId,
        type: r.type,
        typeVersion: r.typeVersion,
        data: r.data
      }]))
    }
    expect(await Effect.runPromise(P.depuisFlux(store.readAll(0)))).toEqual(d)
  })

  it("stops at an event that does not decode with PoisonEvent (its position), without throwing", () => {
    const dernier = log[log.length - 1] as EventStore.RecordedEvent
    const abime = {
      ...dernier,
      type: "ValeurIndicateurEnregistree",
      typeVersion: Catalogue.entree("ValeurIndicateurEnregistree")?.version ?? 1,
      data: { schemaId: "pas un uuid" },
      position: dernier.position + 1
    }
    const r = P.depuisJournal([...log, abime])
    expect(Result.isFailure(r) && r.failure._tag === "PoisonEvent" && r.failure.position).toBe(dernier.position + 1)
    const flux = Effect.runSync(Effect.flip(P.depuisFlux(Stream.fromIterable([...log, abime]))))
    expect(flux).toMatchObject({ _tag: "PoisonEvent", position: dernier.position + 1, checkpoint: dernier.position })
  })

  // Seed 000 line 121: "une hausse du nombre de places soutenues – 204 places en 2025 contre 187 en 2024 – et le
  // financement de 7 postes de référents insertion (contre 5 en 2024)"; known as of the CDSF of 12 December 2025
  // (seed 000 line 7, the fixture's `joursSupposes`).
  it("seed 000 line 121: AVIP places 187 in 2024 → 204 in 2025, 5 → 7 référents insertion (92)", () => {
    const hds = T.lignes(d, { schemaId: HautsDeSeine.schemaId })
    const figures = (indicateur: string) =>
      hds.filter((l) => l.indicateur === indicateur).map((l) => [l.territoire, l.periode, l.valeur, l.departement])
    expect(figures("places-avip-avis-soutenues")).toEqual([
      ["departement:92", "2024", 187, "92"],
      ["departement:92", "2025", 204, "92"]
    ])
    expect(figures("referents-insertion-finances")).toEqual([
      ["departement:92", "2024", 5, "92"],
      ["departement:92", "2025", 7, "92"]
    ])
    expect(hds.find((l) => l.indicateur === "places-avip-avis-soutenues")?.source).toBe(
      "Caf 92 / Conseil départemental 92 (appel à projets insertion)"
    )
    expect(T.lignes(d, { schemaId: HautsDeSeine.schemaId, jour: "2025-12-11" as Temps.Jour })).toEqual([])
    expect(T.lignes(d, { departement: "92" })).toEqual(hds)
  })

  it("scopes every view by schéma: the fixtures' lines are each schéma's own", () => {
    const parSchema = fixtures.map((f) => T.lignes(d, { schemaId: f.schemaId }))
    expect(parSchema.flat()).toHaveLength(T.lignes(d).length)
    expect(parSchema[2]).toHaveLength(Paris.chiffres.length)
    expect(parSchema.every((ls, i) => ls.every((l) => l.schemaId === fixtures[i]?.schemaId))).toBe(true)
  })
})

describe("a predecessor and its successor in one store (issue 10: lines had no schéma)", async () => {
  const successeurId = IdGenerator.deriveId("schema", "92", "2027-2031") as E.SchemaId
  // The successor restates the diagnostic with the predecessor's 2025 AVIP figure (seed 000 line 121), same source,
  // and, made up for the test, under the same value id: ids are unique within a schéma only.
  const successeur = Given.histoire([
    new C.LancerElaboration({
      schemaId: successeurId,
      survenuLe: at("2026-09-01"),
      departement: "92" as Territoire.CodeDepartement,
      periode: { debut: 2027 as Temps.Annee, fin: 2031 as Temps.Annee },
      intitule: "Schéma départemental des services aux familles des Hauts-de-Seine 2027-2031",
      regime: "decret-2021-1644",
      predecesseurs: [{
        schemaId: HautsDeSeine.schemaId,
        departement: "92" as Territoire.CodeDepartement,
        periode: { debut: 2022 as Temps.Annee, fin: 2026 as Temps.Annee },
        nature: "sdsf"
      }],
      le: { _tag: "Mois", annee: 2026 as Temps.Annee, mois: 9 }
    }),
    new C.EnregistrerValeurIndicateur({
      schemaId: successeurId,
      survenuLe: at("2026-10-01"),
      valeur: {
        valeurId: IdGenerator.deriveId("92-2022-2026", "valeur", "avip-2025") as Indicateur.ValeurId,
        indicateur: code("places-avip-avis-soutenues"),
        territoire: dep("92"),
        periode: { annee: 2025 as Temps.Annee },
        mesure: x(204),
        unite: "places",
        source: "Caf 92 / Conseil départemental 92 (appel à projets insertion)",
        enregistreLe: at("2026-10-01")
      }
    })
  ]).events
  const d = await depuisHistoires([Given.histoire(HautsDeSeine.commandes()).events, successeur])
  const avip2025 = (ls: ReadonlyArray<T.Ligne>) =>
    ls.filter((l) => l.indicateur === "places-avip-avis-soutenues" && l.periode === "2025")

  it("shows each schéma's 2025 value as its own line, neither a version nor a contradiction of the other", () => {
    const rows = d.valeurs.filter((r) => r.indicateur === "places-avip-avis-soutenues" && r.periode === "2025")
    expect(rows.map((r) => [r.schema_id, r.valeur_id])).toHaveLength(2)
    expect(new Set(rows.map((r) => r.valeur_id)).size).toBe(1)
    expect(avip2025(T.lignes(d)).map((l) => [l.schemaId, l.valeur, l.versions, l.contradiction])).toEqual(
      [[HautsDeSeine.schemaId, 204, 1, false], [successeurId, 204, 1, false]]
        .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1))
    )
    expect(avip2025(T.lignes(d, { schemaId: successeurId })).map((l) => l.schemaId)).toEqual([successeurId])
    expect(avip2025(T.lignes(d, { schemaId: HautsDeSeine.schemaId, jour: "2026-12-31" as Temps.Jour }))).toEqual([
      expect.objectContaining({ valeur: 204, versions: 1 })
    ])
    expect(d.schemas.find((r) => r.schema_id === successeurId)?.predecesseurs).toEqual([HautsDeSeine.schemaId])
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe("the as-of view (property)", () => {
  const schemaId = IdGenerator.deriveId("schema", "92", "propriete") as E.SchemaId
  const lancement = new E.ElaborationLancee({
    schemaId,
    survenuLe: at("2024-12-01"),
    departement: "92" as Territoire.CodeDepartement,
    periode: { debut: 2025 as Temps.Annee, fin: 2029 as Temps.Annee },
    intitule: "Schéma de la propriété",
    regime: "decret-2021-1644",
    predecesseurs: [],
    le: { _tag: "NonDocumente" }
  })
  const jourDe = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10)
  const cles = ["nombre-eaje", "places-eaje", "gardes-a-domicile"] as const
  const enregistres = (events: ReadonlyArray<E.Evenement>): ReadonlyArray<EventStore.RecordedEvent> =>
    events.map((e, i) => ({
      ...Catalogue.encoder(e),
      eventId: IdGenerator.deriveId("propriete", String(i)),
      metadata: {},
      streamName: EventStore.streamName("schema", schemaId),
      streamVersion: i + 1,
      position: i + 1,
      recordedAt: "2026-01-01T00:00:00.000Z"
    }))

  it("never shows a value recorded after the day, and always the latest restatement known that day", () => {
    fc.assert(
      fc.property(
        // Steps: which key, days after that key's previous value, the figure.
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999 })),
          { minLength: 1, maxLength: 15 }
        ),
        fc.integer({ min: -2, max: 50 }),
        (pas, jourN) => {
          // Each key's values form a chain: each restates the previous one, recorded the same day or later.
          const chaines: Array<Array<{ readonly id: Indicateur.ValeurId; readonly jour: string }>> = [[], [], []]
          const jours = [0, 0, 0]
          const events: Array<E.Evenement> = [lancement]
          for (const [i, [k, delta, v]] of pas.entries()) {
            const chaine = chaines[k] as Array<{ readonly id: Indicateur.ValeurId; readonly jour: string }>
            jours[k] = (jours[k] ?? 0) + delta
            const jour = jourDe(jours[k] ?? 0)
            const id = IdGenerator.deriveId("propriete", "valeur", String(i)) as Indicateur.ValeurId
            const precedente = chaine[chaine.length - 1]
            events.push(
              new E.ValeurIndicateurEnregistree({
                schemaId,
                survenuLe: at(jour),
                valeur: {
                  valeurId: id,
                  indicateur: code(cles[k] ?? "nombre-eaje"),
                  territoire: dep("92"),
                  periode: { annee: 2024 as Temps.Annee },
                  mesure: x(v),
                  unite: "nombre",
                  source: "Caf 92",
                  enregistreLe: at(jour),
                  ...(precedente === undefined
                    ? {}
                    : { retraitement: { remplace: precedente.id, motif: "chiffre consolidé" } })
                }
              })
            )
            chaine.push({ id, jour })
          }
          const jour = jourDe(jourN) as Temps.Jour
          const ls = T.lignes(donnees(enregistres(events)), { jour })
          expect(ls.every((l) => l.enregistreLe.slice(0, 10) <= jour)).toBe(true)
          cles.forEach((indicateur, k) => {
            const connues = (chaines[k] ?? []).filter((v) => v.jour <= jour)
            const vues = ls.filter((l) => l.indicateur === indicateur)
            expect(vues.map((l) => [l.valeurId, l.versions])).toEqual(
              connues.length === 0 ? [] : [[connues[connues.length - 1]?.id, connues.length]]
            )
          })
        }
      ),
      { numRuns: 200 }
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe("derived indicators (Cnaf coverage rates, Indicateur.definitionsReference)", async () => {
  const [lancer] = HautsDeSeine.commandes()
  let n = 0
  const valeur = (indicateur: string, commune: string, mesure: Indicateur.Mesure, source = "Caf 92") =>
    new C.EnregistrerValeurIndicateur({
      schemaId: HautsDeSeine.schemaId,
      survenuLe: at("2025-06-01"),
      valeur: {
        valeurId: IdGenerator.deriveId("reporting-derives", String(++n)) as Indicateur.ValeurId,
        indicateur: code(indicateur),
        territoire: com(commune),
        periode: { annee: 2023 as Temps.Annee },
        mesure,
        unite: indicateur === "enfants-moins-3-ans" ? "nombre" : indicateur === "txcouv" ? "pour-100" : "places",
        source,
        enregistreLe: at("2025-06-01")
      }
    })
  // Figures made up to exercise the formulas (the seeds print no coverage inputs): Nanterre 92050 has every input,
  // Boulogne-Billancourt 92012 lacks the assistants maternels' places, Antony 92002 has two EAJE figures from one
  // source, Clamart 92023 has no children recorded as 0.
  const d = await depuisHistoires([
    Given.histoire([
      lancer as C.Commande,
      ...Indicateur.definitionsReference.map((definition) =>
        new C.DefinirIndicateur({ schemaId: HautsDeSeine.schemaId, survenuLe: at("2025-01-01"), definition })
      ),
      ...[["pl-eaje", 1200], ["pl-am", 800], ["pl-gad", 100], ["pl-prescol", 50], ["enfants-moins-3-ans", 4000]].map(
        ([i, v]) => valeur(String(i), "92050", x(Number(v)))
      ),
      valeur("txcouv", "92050", x(54)),
      ...[["pl-eaje", 2000], ["pl-gad", 300], ["pl-prescol", 10], ["enfants-moins-3-ans", 5000]].map(([i, v]) =>
        valeur(String(i), "92012", x(Number(v)))
      ),
      valeur("pl-eaje", "92002", x(700)),
      valeur("pl-eaje", "92002", x(720)),
      valeur("enfants-moins-3-ans", "92002", x(2000)),
      valeur("pl-eaje", "92023", x(10)),
      valeur("enfants-moins-3-ans", "92023", x(0))
    ]).events
  ])
  const ds = T.derives(d)
  const derive = (indicateur: string, commune: string) =>
    ds.find((v) => v.indicateur === indicateur && v.territoire === `commune:${commune}`)

  it("computes the coverage rate from its formula and shows the values it used", () => {
    const nanterre = derive("txcouv", "92050")
    expect(nanterre).toMatchObject({ valeur: 53.75, manquantes: [], motif: "", publiee: 54, periode: "2023" })
    expect(nanterre?.entrees.map((e) => [e.indicateur, e.etat, e.valeur])).toEqual([
      ["pl-eaje", "utilisee", 1200],
      ["pl-am", "utilisee", 800],
      ["pl-gad", "utilisee", 100],
      ["pl-prescol", "utilisee", 50],
      ["enfants-moins-3-ans", "utilisee", 4000]
    ])
    expect(nanterre?.formule).toBe("((pl-eaje + pl-am + pl-gad + pl-prescol) / enfants-moins-3-ans) × 100")
    expect(derive("txcouv-eaje", "92050")?.valeur).toBe(30)
  })

  it("gives no number when an input is missing, and names it", () => {
    const boulogne = derive("txcouv", "92012")
    expect(boulogne).toMatchObject({
      valeur: undefined,
      manquantes: ["pl-am"],
      motif: "entrées manquantes : pl-am (absente)"
    })
    expect(derive("txcouv-eaje", "92012")?.valeur).toBe(40)
    const antony = derive("txcouv-eaje", "92002")
    expect(antony).toMatchObject({ valeur: undefined, manquantes: ["pl-eaje"] })
    expect(antony?.entrees[0]).toMatchObject({ etat: "plusieurs-chiffres", mesures: ["700", "720"] })
    expect(derive("txcouv-eaje", "92023"))
      .toMatchObject({ valeur: undefined, manquantes: [], motif: "division par zéro" })
  })

  it("as an extract: one row per derived value, naming the inputs used and those missing", () => {
    const e = T.extraitDerives(ds)
    const boulogne = e.lignes.find((r) => r.indicateur === "txcouv" && r.territoire === "commune:92012")
    expect(boulogne).toMatchObject({ valeur: null, manquantes: ["pl-am"] })
    expect(boulogne?.entrees)
      .toBe("pl-eaje = 2000 ; pl-am : absente ; pl-gad = 300 ; pl-prescol = 10 ; enfants-moins-3-ans = 5000")
    const nanterre = e.lignes.find((r) => r.indicateur === "txcouv" && r.territoire === "commune:92050")
    expect(nanterre?.valeurs_utilisees).toHaveLength(5)
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe("reconciliation communes → EPT / EPCI → département (official geography)", async () => {
  const [lancer] = HautsDeSeine.commandes()
  let n = 0
  const definir = (indicateur: string, unite: Indicateur.Unite, additivite: Indicateur.Additivite) =>
    new C.DefinirIndicateur({
      schemaId: HautsDeSeine.schemaId,
      survenuLe: at("2025-01-01"),
      definition: {
        code: code(indicateur),
        libelle: indicateur,
        unite,
        categorie: additivite === "aucune" ? "autre" : "effectif",
        additivite,
        niveaux: ["departement", "epci", "commune"]
      }
    })
  const valeur = (indicateur: string, t: Territoire.Territoire, v: number, unite: Indicateur.Unite) =>
    new C.EnregistrerValeurIndicateur({
      schemaId: HautsDeSeine.schemaId,
      survenuLe: at("2025-06-01"),
      valeur: {
        valeurId: IdGenerator.deriveId("reporting-reconciliation", String(++n)) as Indicateur.ValeurId,
        indicateur: code(indicateur),
        territoire: t,
        periode: { annee: 2023 as Temps.Annee },
        mesure: x(v),
        unite,
        source: "Caf 92",
        enregistreLe: at("2025-06-01")
      }
    })
  // Made-up commune figures, no département figure: Nanterre 92050, Boulogne-Billancourt 92012, Issy 92040.
  const d = await depuisHistoires([
    Given.histoire([
      lancer as C.Commande,
      definir("places-eaje", "places", "somme"),
      definir("revenu-median", "euros-par-an", "aucune"),
      valeur("places-eaje", com("92050"), 1200, "places"),
      valeur("places-eaje", com("92012"), 2000, "places"),
      valeur("places-eaje", com("92040"), 900, "places"),
      valeur("revenu-median", com("92050"), 23000, "euros-par-an"),
      valeur("revenu-median", com("92012"), 35000, "euros-par-an")
    ]).events
  ])
  const ls = T.lignes(d)
  const geographie = await Effect.runPromise(
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      return yield* Effect.forEach(["92050", "92012", "92040"], (c) => g.commune(c))
    }).pipe(Effect.provide(DecoupageAdministratif.layer))
  )

  it("reports the communes' sum where no département value exists, at each level; never sums a median", async () => {
    const rs = await Effect.runPromise(T.reconcilier(ls).pipe(Effect.provide(DecoupageAdministratif.layer)))
    expect(rs.every((r) => r.indicateur === "places-eaje")).toBe(true)
    expect(rs.find((r) => r.echelon === "departement")).toMatchObject({
      territoire: "departement:92",
      agregat: 4100,
      publiee: undefined,
      ecart: undefined,
      parties: ["commune:92012", "commune:92040", "commune:92050"]
    })
    // Each EPT gets the sum of its own communes, as the geography attaches them.
    const parEpt = new Map<string, number>()
    for (const [i, v] of [1200, 2000, 900].entries()) {
      const ept = geographie[i]?.fiche.ept?.territoire.code
      if (ept !== undefined) parEpt.set(`epci:${ept}`, (parEpt.get(`epci:${ept}`) ?? 0) + v)
    }
    expect(parEpt.size).toBeGreaterThan(1)
    expect(new Map(rs.filter((r) => r.echelon === "ept").map((r) => [r.territoire, r.agregat]))).toEqual(parEpt)
    expect(rs.filter((r) => r.echelon === "ept").every((r) => r.nom !== undefined)).toBe(true)
  }, 60_000)

  // Made-up figures again: one published for Boulogne's EPT; Paris given whole (75056) beside two arrondissements.
  it("compares with a figure published for an EPT; keeps arrondissements, not their city given whole", async () => {
    const ept = geographie[1]?.fiche.ept?.territoire
    if (ept === undefined) throw new Error("Boulogne-Billancourt has an EPT in the official geography")
    const membres = geographie.flatMap((r, i) =>
      r.fiche.ept?.territoire.code === ept.code ? [[1200, 2000, 900][i] ?? 0] : []
    )
    const d2 = await depuisHistoires([
      Given.histoire([
        lancer as C.Commande,
        definir("places-eaje", "places", "somme"),
        valeur("places-eaje", com("92050"), 1200, "places"),
        valeur("places-eaje", com("92012"), 2000, "places"),
        valeur("places-eaje", com("92040"), 900, "places"),
        valeur("places-eaje", ept, 3000, "places"),
        valeur("places-eaje", com("75056"), 5000, "places"),
        valeur("places-eaje", { niveau: "arrondissement", code: "75119" } as Territoire.Territoire, 300, "places"),
        valeur("places-eaje", { niveau: "arrondissement", code: "75120" } as Territoire.Territoire, 400, "places"),
        valeur("places-eaje", dep("75"), 700, "places")
      ]).events
    ])
    const rs = await Effect.runPromise(T.reconcilier(T.lignes(d2)).pipe(Effect.provide(DecoupageAdministratif.layer)))
    const somme = membres.reduce((a, b) => a + b, 0)
    expect(rs.find((r) => r.echelon === "ept" && r.territoire === `epci:${ept.code}`))
      .toMatchObject({ agregat: somme, publiee: 3000, ecart: 3000 - somme })
    expect(rs.find((r) => r.echelon === "departement" && r.territoire === "departement:75")).toMatchObject({
      agregat: 700,
      publiee: 700,
      ecart: 0,
      parties: ["arrondissement:75119", "arrondissement:75120"],
      partiesEcartees: ["commune:75056"]
    })
    // Paris has no EPT: its parts roll up to none at that level, and say so.
    expect(rs.find((r) => r.echelon === "ept" && r.territoire === undefined)).toMatchObject({
      agregat: 700,
      parties: ["arrondissement:75119", "arrondissement:75120"],
      partiesEcartees: ["commune:75056"]
    })
  }, 60_000)

  it("as an extract, every row fits its labelled columns", () => {
    const extraits = [
      T.extraitLignes(ls),
      T.extraitDerives(T.derives(d)),
      T.extraitReconciliation(T.reconciliation(ls, { fiches: geographie.map((r) => r.fiche) }))
    ]
    for (const e of extraits) {
      const table: Projection.Table = {
        name: e.nom,
        grain: e.grain,
        key: [],
        columns: e.colonnes.map((c) => ({ name: c.nom, type: c.type, description: c.description, nullable: true }))
      }
      expect(e.lignes.map((r) => Projection.rowReason(table, r)).filter((r) => r !== undefined)).toEqual([])
      expect(e.colonnes.every((c) => /^[a-z][a-z0-9_]*$/.test(c.nom) && c.libelle.length > 0)).toBe(true)
    }
    expect([extraits[0]?.lignes.length, extraits[2]?.lignes.length].every((l) => l !== undefined && l > 0)).toBe(true)
  })

  it("moyenne: the unweighted mean of the parts", () => {
    const moyenne = T.reconciliation(ls.map((l) => ({ ...l, additivite: "moyenne" as const })))
      .filter((r) => r.indicateur === "places-eaje")
    expect(moyenne.map((r) => [r.territoire, r.agregat])).toEqual([["departement:92", 4100 / 3]])
  })
})
