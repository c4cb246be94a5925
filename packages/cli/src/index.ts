export * as Magasin from "./Magasin.ts"
export * as Cli from "./Cli.ts"
export * as Squelette from "./Squelette.ts"
