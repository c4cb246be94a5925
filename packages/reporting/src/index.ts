export * as TableauIndicateurs from "./TableauIndicateurs.ts"
export * as Extrait from "./Extrait.ts"
export * as RegistreActions from "./RegistreActions.ts"
export * as CadenceGouvernance from "./CadenceGouvernance.ts"
