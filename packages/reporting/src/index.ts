export * as TableauIndicateurs from "./TableauIndicateurs.ts"
export * as Extrait from "./Extrait.ts"
export * as ProjectionIndicateurs from "./ProjectionIndicateurs.ts"
