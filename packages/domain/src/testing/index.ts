export * as EventStoreContract from "./EventStoreContract.ts"
export * as Given from "./Given.ts"
export * as HautsDeSeine from "./HautsDeSeine.ts"
export * as Arbitraries from "./Arbitraries.ts"
