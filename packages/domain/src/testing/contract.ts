/**
 * `@sdsf/domain/testing/contract`: the contract suites adapters run, built on `@effect/vitest`. Kept apart from
 * `@sdsf/domain/testing` so fixtures and arbitraries never load vitest.
 */
export * as EventStoreContract from "./EventStoreContract.ts"
