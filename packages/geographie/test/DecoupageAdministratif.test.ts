// Against the real data of @etalab/decoupage-administratif 6.0.0 (millésime 2026), installed from npm.
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Geographie, Territoire } from "@sdsf/domain"
import { DecoupageAdministratif } from "@sdsf/geographie"

const dep = (code: string) => ({ departement: Territoire.CodeDepartement.make(code) })
const servicePour = (donnees: Effect.Effect<DecoupageAdministratif.Donnees>) =>
  Effect.provide(Effect.service(Geographie.Geographie), DecoupageAdministratif.layerDepuis(donnees))
const codes = (candidats: ReadonlyArray<Geographie.Candidat>) => candidats.map((c) => c.code)

const officielle = layer(DecoupageAdministratif.layer, { excludeTestServices: true })

officielle("communes by name and code (issue 9, case 9)", (it) => {
  it.effect("a misspelt name is answered with candidates, never resolved: 'Noisieu' lists Noiseau (94053)", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const dans94 = yield* Effect.flip(g.commune("Noisieu", dep("94")))
      assert.strictEqual(dans94._tag, "TerritoireIntrouvable")
      assert.deepStrictEqual(dans94._tag === "TerritoireIntrouvable" ? dans94.candidats : [], [
        {
          code: "94053",
          nom: "Noiseau",
          nature: "commune",
          departements: [Territoire.CodeDepartement.make("94")],
          distance: 2
        }
      ])
      assert.include(dans94.message, "Noisieu")
      assert.include(dans94.message, "Noiseau (94053, 94)")
      // Without the département, Noiseau is still offered, among closer names elsewhere (Noisiel is one edit away).
      const partout = yield* Effect.flip(g.commune("Noisieu"))
      assert.strictEqual(partout._tag, "TerritoireIntrouvable")
      if (partout._tag === "TerritoireIntrouvable") {
        assert.include(codes(partout.candidats), "94053")
        assert.strictEqual(partout.candidats[0]?.code, "77337")
      }
    }))

  it.effect("seed 002 line 183 names 'Saint-Denis' beside Seine-Saint-Denis: 'SAINT DENIS' in 93 is 93066", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const r = yield* g.commune("SAINT DENIS", dep("93"))
      assert.deepStrictEqual(r.fiche.territoire, Territoire.commune("93066"))
      assert.strictEqual(r.fiche.nom, "Saint-Denis")
      assert.strictEqual(r.correspondance, "nom")
      assert.strictEqual((yield* g.commune("St-Denis", dep("93"))).fiche.territoire.code, "93066")
    }))

  it.effect("homonyms without a département are ambiguous: 'Saint-Denis' lists 93066 (93) and 97411 (974)", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const e = yield* Effect.flip(g.commune("Saint-Denis"))
      assert.strictEqual(e._tag, "TerritoireAmbigu")
      if (e._tag === "TerritoireAmbigu") {
        assert.deepStrictEqual(codes(e.candidats), ["11339", "30247", "93066", "97411"])
        assert.deepStrictEqual(e.candidats.map((c) => c.departements.join()), ["11", "30", "93", "974"])
      }
      assert.include(e.message, "Saint-Denis (97411, 974)")
      assert.strictEqual((yield* g.commune("Saint-Denis", dep("974"))).fiche.territoire.code, "97411")
      // The département as documents often print it, after the name.
      assert.strictEqual((yield* g.commune("Saint-Denis (93)")).fiche.territoire.code, "93066")
      assert.strictEqual((yield* g.commune("SAINT-DENIS (974)")).fiche.territoire.code, "97411")
      assert.strictEqual((yield* Effect.flip(g.commune("Saint-Denis (93)", dep("974"))))._tag, "HorsDepartement")
    }))

  it.effect("accents, case, hyphens, apostrophes and Saint/St are ignored: capitals as documents print them", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const cas: ReadonlyArray<readonly [string, string]> = [
        ["EPINAY SUR SEINE", "93031"],
        ["epinay-sur-seine", "93031"],
        ["L ILE SAINT DENIS", "93039"],
        ["L'Île-St-Denis", "93039"],
        ["Île-Saint-Denis (L')", "93039"],
        ["ST OUEN SUR SEINE", "93070"],
        ["  Aubervilliers ", "93001"]
      ]
      for (const [nom, code] of cas) {
        const r = yield* g.commune(nom)
        assert.strictEqual(r.fiche.territoire.code, code, nom)
        assert.strictEqual(r.correspondance, "nom", nom)
      }
    }))

  it.effect("a name without its article resolves with a note; a shortened name is only a candidate", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const r = yield* g.commune("Blanc-Mesnil", dep("93"))
      assert.strictEqual(r.fiche.territoire.code, "93007")
      assert.strictEqual(r.correspondance, "nom-sans-article")
      assert.strictEqual(r.note, "the official name is Le Blanc-Mesnil")
      // Saint-Ouen was renamed Saint-Ouen-sur-Seine (2018): offered, not chosen.
      const e = yield* Effect.flip(g.commune("Saint-Ouen", dep("93")))
      assert.strictEqual(e._tag, "TerritoireIntrouvable")
      assert.deepStrictEqual(e._tag === "TerritoireIntrouvable" ? codes(e.candidats) : [], ["93070"])
    }))

  it.effect("an old code resolves to the current commune with a note: 93059 Pierrefitte-sur-Seine is now 93066", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const r = yield* g.commune("93059")
      assert.deepStrictEqual(r.fiche.territoire, Territoire.commune("93066"))
      assert.strictEqual(r.correspondance, "ancien-code")
      assert.strictEqual(r.note, "93059 (Pierrefitte-sur-Seine) is an old code of 93066 (Saint-Denis)")
      const parNom = yield* g.commune("PIERREFITTE SUR SEINE", dep("93"))
      assert.strictEqual(parNom.fiche.territoire.code, "93066")
      assert.strictEqual(parNom.correspondance, "commune-deleguee")
      assert.strictEqual(parNom.note, "Pierrefitte-sur-Seine is a commune déléguée of 93066 (Saint-Denis)")
      // Valserhône (01033, 2019) took in Bellegarde-sur-Valserine (01033 itself), Châtillon-en-Michaille and Lancrans.
      assert.strictEqual((yield* g.commune("01205")).note, "01205 (Lancrans) is an old code of 01033 (Valserhône)")
      // An older code of the same commune, with no commune déléguée left: only `anciensCodes` knows it.
      const ancien = yield* g.commune("01126")
      assert.strictEqual(ancien.fiche.territoire.code, "01033")
      assert.strictEqual(ancien.note, "01126 is an old code of 01033 (Valserhône)")
    }))

  it.effect("a code of another département than the one given is refused; an unknown code is not found", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const e = yield* Effect.flip(g.commune("93066", dep("75")))
      assert.strictEqual(e._tag, "HorsDepartement")
      assert.strictEqual(e.message, `"93066" is Saint-Denis (93066) in département 93, not 75`)
      assert.strictEqual((yield* Effect.flip(g.commune("93999")))._tag, "TerritoireIntrouvable")
      assert.strictEqual((yield* g.commune("93066", dep("93"))).correspondance, "code")
    }))

  it.effect("Paris, Lyon and Marseille arrondissements: seed 004 line 262 '19e arrondissement' is 75119", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const r = yield* g.commune("19<sup>e</sup> arrondissement", dep("75")) // as the seed's text prints it
      assert.deepStrictEqual(r.fiche.territoire, { niveau: "arrondissement", code: "75119" })
      assert.strictEqual(r.fiche.commune, "75056")
      assert.strictEqual(r.fiche.epci?.nom, "Métropole du Grand Paris")
      assert.isUndefined(r.fiche.ept)
      assert.strictEqual((yield* g.commune("Paris 19e")).fiche.territoire.code, "75119")
      assert.strictEqual((yield* g.commune("PARIS 1ER ARRONDISSEMENT")).fiche.territoire.code, "75101")
      assert.strictEqual((yield* g.commune("Lyon 3e")).fiche.territoire.code, "69383")
      assert.strictEqual((yield* g.commune("Marseille 16ème")).fiche.territoire.code, "13216")
      assert.strictEqual((yield* g.commune("75119")).fiche.territoire.niveau, "arrondissement")
      assert.strictEqual((yield* g.commune("Paris")).fiche.territoire.code, "75056")
    }))

  it.effect("seed 000 line 133 names five communes of 92: each resolves within the département", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const noms = ["Nanterre", "Colombes", "Bagneux", "Bourg-la-Reine", "Sceaux"]
      const trouves = yield* Effect.forEach(noms, (n) => g.commune(n, dep("92")))
      assert.deepStrictEqual(trouves.map((r) => r.fiche.territoire.code), ["92050", "92025", "92007", "92014", "92071"])
      // Bagneux is also a commune of 02, 03, 36, 51 and 54 (and two communes déléguées): ambiguous alone.
      assert.strictEqual((yield* Effect.flip(g.commune("Bagneux")))._tag, "TerritoireAmbigu")
    }))

  it.effect("an EPT of 93 by name and by SIREN, with its member communes: Plaine Commune (200057867)", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const parNom = yield* g.groupement("PLAINE COMMUNE")
      const parCode = yield* g.groupement("200057867", dep("93"))
      assert.deepStrictEqual(parNom.fiche, parCode.fiche)
      assert.strictEqual(parNom.fiche.nature, "ept")
      assert.deepStrictEqual(parNom.fiche.departements.join(), "93")
      assert.deepStrictEqual(parNom.fiche.membres.map((m) => m.territoire.code), [
        "93001",
        "93027",
        "93031",
        "93039",
        "93066",
        "93070",
        "93072",
        "93079"
      ])
      const epinay = yield* g.commune("EPINAY SUR SEINE", dep("93"))
      assert.strictEqual(epinay.fiche.ept?.territoire.code, "200057867")
      assert.strictEqual(epinay.fiche.epci?.territoire.code, "200054781")
      assert.strictEqual((yield* g.groupement("EPT Plaine Commune")).fiche.territoire.code, "200057867")
    }))

  it.effect("EPCI names with or without their legal form; a misspelt or out-of-département EPCI lists candidates", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const ca = yield* g.groupement("Communauté d'agglomération Plaine Vallée")
      assert.strictEqual(ca.fiche.nom, "CA Plaine Vallée")
      assert.strictEqual(ca.note, "the official name is CA Plaine Vallée")
      assert.strictEqual((yield* g.groupement("Métropole de Lyon")).fiche.type, "MET69")
      const faute = yield* Effect.flip(g.groupement("Plaine Comune"))
      assert.strictEqual(faute._tag, "TerritoireIntrouvable")
      assert.strictEqual(faute._tag === "TerritoireIntrouvable" ? faute.candidats[0]?.code : undefined, "200057867")
      const ailleurs = yield* Effect.flip(g.groupement("Est Ensemble", dep("94")))
      assert.strictEqual(ailleurs._tag, "TerritoireIntrouvable")
      assert.deepStrictEqual(ailleurs._tag === "TerritoireIntrouvable" ? codes(ailleurs.candidats) : [], ["200057875"])
      assert.strictEqual((yield* Effect.flip(g.groupement("200057875", dep("94"))))._tag, "HorsDepartement")
    }))

  it.effect("the communes of 93 roll up to their EPT and the Métropole du Grand Paris: populations add up", () =>
    Effect.gen(function*() {
      const g = yield* Geographie.Geographie
      const communes = yield* g.communes(Territoire.CodeDepartement.make("93"))
      assert.strictEqual(communes.length, 39) // 40 until Pierrefitte-sur-Seine joined Saint-Denis on 1 January 2025
      const populations = communes.map((c) => [c.territoire.code, c.population ?? 0] as const)
      const parEpt = Geographie.cumuler(populations, communes, "ept").totaux
      const parEpci = Geographie.cumuler(populations, communes, "epci")
      const parDepartement = Geographie.cumuler(populations, communes, "departement").totaux
      assert.deepStrictEqual([...parEpci.totaux.keys()], ["200054781"])
      assert.deepStrictEqual(parEpci.horsRattachement, [])
      assert.deepStrictEqual([...parDepartement.keys()], ["93"])
      assert.strictEqual(parDepartement.get("93"), parEpci.totaux.get("200054781"))
      // The four EPT of 93: Plaine Commune, Est Ensemble, Paris Terres d'Envol, Grand Paris Grand Est.
      assert.deepStrictEqual([...parEpt.keys()].sort(), ["200057867", "200057875", "200058097", "200058790"])
      assert.strictEqual([...parEpt.values()].reduce((a, b) => a + b), parDepartement.get("93"))
      for (const [code, population] of parEpt) {
        const ept = yield* g.groupement(code)
        assert.strictEqual(population, ept.fiche.population, ept.fiche.nom) // the EPT's own figure in ept.json
        assert.strictEqual(ept.fiche.membres.length, communes.filter((c) => c.ept?.territoire.code === code).length)
      }
    }))
})

describe("loading", () => {
  it.effect("the files are read and indexed once, at the first lookup, not when the layer is built", () =>
    Effect.gen(function*() {
      let lectures = 0
      const donnees = Effect.map(DecoupageAdministratif.lireDonneesOfficielles, (d) => {
        lectures++
        return d
      })
      const g = yield* servicePour(donnees)
      assert.strictEqual(lectures, 0)
      yield* Effect.all([g.commune("Noiseau"), g.commune("94053"), g.groupement("Plaine Commune")], {
        concurrency: "unbounded"
      })
      assert.strictEqual(lectures, 1)
    }))

  it.effect("other data in the package's shape can stand in (another millésime, a small test set)", () =>
    Effect.gen(function*() {
      const donnees: DecoupageAdministratif.Donnees = {
        communes: [
          { code: "94053", nom: "Noiseau", type: "commune-actuelle", departement: "94", population: 4628 },
          { code: "94046", nom: "Maisons-Alfort", type: "commune-actuelle", departement: "94" }
        ],
        epci: [],
        ept: [{
          code: "200058006",
          nom: "Grand Paris Sud Est Avenir",
          type: "EPT",
          membres: [{ code: "94053", nom: "Noiseau" }]
        }]
      }
      const g = yield* servicePour(Effect.succeed(donnees))
      assert.strictEqual((yield* g.commune("noiseau")).fiche.ept?.nom, "Grand Paris Sud Est Avenir")
      assert.strictEqual((yield* Effect.flip(g.commune("Saint-Denis")))._tag, "TerritoireIntrouvable")
    }))
})
