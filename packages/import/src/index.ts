export * as FichierInvalide from "./FichierInvalide.ts"
export * as Source from "./Source.ts"
export * as FichierPlan from "./FichierPlan.ts"
export * as PlanImport from "./PlanImport.ts"
