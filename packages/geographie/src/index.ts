export * as DecoupageAdministratif from "./DecoupageAdministratif.ts"
export * as Noms from "./Noms.ts"
