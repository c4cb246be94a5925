export * as Checkpoints from "./Checkpoints.ts"
export * as Migrations from "./Migrations.ts"
export * as PostgresEventStore from "./PostgresEventStore.ts"
export * as PostgresProjectionStore from "./PostgresProjectionStore.ts"
