export * as EventStoreContract from "./EventStoreContract.ts"
