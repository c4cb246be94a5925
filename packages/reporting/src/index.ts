export * as TableauIndicateurs from "./TableauIndicateurs.ts"
