/**
 * The decider: the pure core of an event-sourced aggregate (Chassaing's pattern, as in Emmett).
 *
 * `decide` answers a command with the events it causes (or a typed domain error) and warnings for rules that real
 * plans break; `evolve` folds one event into the state. Both are pure and synchronous: commands carry their own time
 * and ids, so a decision replays identically.
 */
import type { Result } from "effect"
import type { InvalidCommand } from "./CommandHandler.ts"

/**
 * Persistent collections for states: adding gives a new collection and leaves the old one unchanged, at a cost that
 * does not grow with its size, so that a fold of n events stays linear (copying a `Map` per event does not).
 */
export { PersistentMap, PersistentSet, Sequence } from "./internal/persistent.ts"

/** The events a command causes, and the warnings it raised (rules real plans break, reported, not enforced). */
export interface Decision<Event, Warning> {
  readonly events: ReadonlyArray<Event>
  readonly warnings: ReadonlyArray<Warning>
}

/** A decider over commands, events, state, errors and warnings. */
export interface Decider<Command, Event, State, Error, Warning = never> {
  readonly initialState: State
  readonly decide: (command: Command, state: State) => Result.Result<Decision<Event, Warning>, Error>
  readonly evolve: (state: State, event: Event) => State
  /**
   * Checks an unchecked input (parsed JSON...) as a command; the command handler calls it before `decide`, so bad
   * input fails with `InvalidCommand` (field, reason, value) rather than a defect.
   */
  readonly check?: (input: unknown) => Result.Result<Command, InvalidCommand>
}

/** Folds events into a state, from the decider's initial state or a given one. */
export const fold = <Command, Event, State, Error, Warning>(
  decider: Decider<Command, Event, State, Error, Warning>,
  events: Iterable<Event>,
  from: State = decider.initialState
): State => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}
