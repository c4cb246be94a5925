/**
 * `given(events).when(command).then(events | error)`: specifications of a decider, in the style of Emmett's
 * DeciderSpecification. Framework-neutral: failures throw an `AssertionError` with what was expected and received,
 * so it works under vitest, node:test or any runner.
 */
import { Equal, Result } from "effect"
import type { Decider } from "../Decider.ts"
import { fold } from "../Decider.ts"
import type { Commande } from "../Commandes.ts"
import type { Evenement } from "../Evenements.ts"
import * as SchemaDepartemental from "../SchemaDepartemental.ts"

/** A failed specification. */
export class SpecificationError extends Error {
  override readonly name = "SpecificationError"
  readonly attendu: unknown
  readonly recu: unknown
  constructor(message: string, attendu: unknown, recu: unknown) {
    super(message)
    this.attendu = attendu
    this.recu = recu
  }
}

const show = (u: unknown): string => JSON.stringify(u, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2)

/** The `_tag`s of a union of tagged errors. */
export type TagOf<E> = E extends { readonly _tag: infer T extends string } ? T : never

/** What `then` checks once the command was decided. */
export interface Then<Event, Error, Warning, State> {
  /** The command emits exactly these events (compared structurally), whatever the warnings. */
  readonly then: (
    expected: ReadonlyArray<Event>
  ) => { readonly warnings: ReadonlyArray<Warning>; readonly state: State }
  /** The command is refused with an error of this tag; `check` may look further into it. */
  readonly thenError: <Tag extends TagOf<Error>>(
    tag: Tag,
    check?: (error: Extract<Error, { readonly _tag: Tag }>) => void
  ) => Extract<Error, { readonly _tag: Tag }>
  /** The command succeeds and raises exactly these warning tags (in order). */
  readonly thenWarnings: (tags: ReadonlyArray<string>) => ReadonlyArray<Warning>
  /** The command succeeds; returns its events and the state after them. */
  readonly thenOk: () => {
    readonly events: ReadonlyArray<Event>
    readonly warnings: ReadonlyArray<Warning>
    readonly state: State
  }
}

/** Starts a specification of `decider`. */
export const specification = <Command, Event, State, Error, Warning>(
  decider: Decider<Command, Event, State, Error, Warning>
) => ({
  given: (history: ReadonlyArray<Event>) => ({
    when: (command: Command): Then<Event, Error, Warning, State> => {
      const before = fold(decider, history)
      const result = decider.decide(command, before)
      const ok = () => {
        if (Result.isFailure(result)) {
          throw new SpecificationError(`expected success, got error ${show(result.failure)}`, "success", result.failure)
        }
        const { events, warnings } = result.success
        return { events, warnings, state: fold(decider, events, before) }
      }
      return {
        // oxlint-disable-next-line unicorn/no-thenable -- given/when/then specifications, never awaited
        then: (expected) => {
          const r = ok()
          const same = r.events.length === expected.length &&
            r.events.every((e, i) => Equal.equals(e, expected[i]) || show(e) === show(expected[i]))
          if (!same) {
            throw new SpecificationError(
              `expected events ${show(expected)}\nreceived ${show(r.events)}`,
              expected,
              r.events
            )
          }
          return { warnings: r.warnings, state: r.state }
        },
        thenError: (tag, check) => {
          if (Result.isSuccess(result)) {
            throw new SpecificationError(
              `expected error ${tag}, got events ${show(result.success.events)}`,
              tag,
              result.success
            )
          }
          const error = result.failure as Error & { readonly _tag: string }
          if (error._tag !== tag) throw new SpecificationError(`expected error ${tag}, got ${show(error)}`, tag, error)
          const typed = error as Extract<Error, { readonly _tag: typeof tag }>
          check?.(typed)
          return typed
        },
        thenWarnings: (tags) => {
          const r = ok()
          const got = r.warnings.map((w) => (w as { readonly _tag: string })._tag)
          if (show(got) !== show(tags)) {
            throw new SpecificationError(`expected warnings ${show(tags)}, got ${show(got)}`, tags, got)
          }
          return r.warnings
        },
        thenOk: ok
      }
    }
  })
})

/** `given(events).when(command).then(...)` for the schéma's decider. */
export const given = specification(SchemaDepartemental.decider).given

/**
 * Decides `commandes` in turn from the schéma's initial state and returns the events, the warnings' tags and the
 * final state; throws on the first refusal (for building valid histories in tests).
 */
export const histoire = (
  commandes: Iterable<Commande>
): {
  readonly events: ReadonlyArray<Evenement>
  readonly warnings: ReadonlyArray<string>
  readonly state: SchemaDepartemental.Etat
} => {
  let state = SchemaDepartemental.initialState
  const events: Array<Evenement> = []
  const warnings: Array<string> = []
  for (const c of commandes) {
    const r = SchemaDepartemental.decide(c, state)
    if (Result.isFailure(r)) {
      throw new SpecificationError(`${c._tag} refused: ${r.failure.message}`, "success", r.failure)
    }
    for (const e of r.success.events) state = SchemaDepartemental.evolve(state, e)
    events.push(...r.success.events)
    warnings.push(...r.success.warnings.map((w) => w._tag))
  }
  return { events, warnings, state }
}
