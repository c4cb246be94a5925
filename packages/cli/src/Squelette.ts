/**
 * The plan-file skeleton `sdsf init` writes: a small, valid schéma to replace with one's own (a test checks that it
 * passes \`sdsf validate\`).
 */

/** The skeleton as YAML. */
export const yaml =
  `# A plan file (sdsf-plan/1): a schéma as its documents say it. Replace every value; delete what the documents do not
# say (a date or a source the document does not give is written \`{ nonDocumente: "why" }\`, never invented).
# Field reference: the @sdsf/import README; JSON Schema: \`sdsf schema\`. Check it with \`sdsf validate <file>\`.
format: sdsf-plan/1
departement: "93"
periode: 2024-2026
intitule: Schéma des services aux familles de la Seine-Saint-Denis 2024-2026
regime: decret-2021-1644
enregistreLe: 2025-07-01T12:00:00.000Z
lance: 2024
institutions:
  - ref: caf
    nom: Caf de la Seine-Saint-Denis
    nature: caf
  - ref: prefecture
    nom: Préfecture de la Seine-Saint-Denis
    nature: prefecture
personnes:
  - ref: referente-caf
    nom: DUPONT
    prenom: Camille
    email: camille.dupont@example.invalid
indicateurs:
  - code: places-eaje
    libelle: Places en EAJE
    unite: places
    categorie: effectif
    additivite: somme
    niveaux: [departement, commune]
    dimensions:
      - { code: gestion, libelle: Mode de gestion }
instances:
  - ref: cdsf
    nature: cdsf
    nom: CDSF
    cadence: { minParAn: 1 }
    contacts:
      - { personne: referente-caf, institution: caf, role: referent-technique }
plan:
  - ref: axe1
    nature: axe
    code: "1"
    titre: Développer l'offre d'accueil
    enfants:
      - ref: f1.1
        nature: fiche
        titre: Créer des places
        pilotes: [caf]
        calendrier: 2024 et suivantes
chronologie:
  - type: adoption
    instance: cdsf
    objet: schema
    le: 2024-03-14
    vote: unanimite
  - type: signature
    institution: prefecture
    signataires:
      - { personne: referente-caf, fonction: Directrice }
    le: 2024-04
  - type: mise-en-oeuvre
    le: 2024-05
  - type: reunion
    instance: cdsf
    le: 2024-12-10
  - type: valeurs
    valeurs:
      - indicateur: places-eaje
        territoire: commune:Saint-Denis
        periode: 2024
        valeur: 1234
        source: Caf 93
valeurs:
  - indicateur: places-eaje
    periode: 2024
    valeur: 25000
    source: Caf 93
`
