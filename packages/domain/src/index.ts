export * as Decider from "./Decider.ts"
export * as EventStore from "./EventStore.ts"
export * as IdGenerator from "./IdGenerator.ts"
