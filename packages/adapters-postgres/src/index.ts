export * as Checkpoints from "./Checkpoints.ts"
export * as Migrations from "./Migrations.ts"
export * as PostgresEventStore from "./PostgresEventStore.ts"
export * as PostgresPersonnes from "./PostgresPersonnes.ts"
