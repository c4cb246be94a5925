/**
 * Schema issues as people read them: the field (path), the reason and the value received, on one line each.
 */
import { Schema, SchemaIssue, SchemaParser } from "effect"

/** One problem of an input: where, why, and what was there. */
export interface Problem {
  /** `schemaId`, `valeur.territoire.code`, or `` (the value itself). */
  readonly path: string
  readonly reason: string
  /** The value received at `path`, as short JSON (`missing` when absent). */
  readonly value: string
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("")

const at = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let v = input
  for (const k of path) {
    if (typeof v !== "object" || v === null) return undefined
    v = (v as Record<PropertyKey, unknown>)[k]
  }
  return v
}

/** A value as short JSON: at most `max` characters. */
export const formatValue = (value: unknown, max = 80): string => {
  if (value === undefined) return "missing"
  let text: string
  try {
    text = typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const expected = (issue: SchemaIssue.Issue): string | undefined => {
  const ast = "ast" in issue ? issue.ast : undefined
  const e = ast?.annotations?.["expected"]
  if (typeof e === "string") return `expected ${e}`
  const id = ast?.annotations?.["identifier"]
  return typeof id === "string" ? `expected ${id}` : undefined
}

const leafReason = (issue: SchemaIssue.Issue): string => {
  switch (issue._tag) {
    case "MissingKey":
      return "missing"
    case "UnexpectedKey":
      return "unexpected field"
    default: {
      let message: string | undefined
      try {
        message = SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf)
      } catch {
        message = undefined
      }
      // The default message repeats the input ("Expected string, got 12"): the value has its own column.
      return (message ?? expected(issue) ?? issue._tag).replace(/, got .*$/s, "")
    }
  }
}

const collect = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey>,
  input: unknown,
  out: Array<Problem>,
  reason?: string
): void => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...path, ...issue.path], input, out, reason)
    case "Encoding":
      return collect(issue.issue, path, input, out, reason)
    case "Filter": {
      let message: string | undefined
      try {
        message = SchemaIssue.defaultCheckHook(issue)
      } catch {
        message = undefined
      }
      const e = issue.filter.annotations?.["expected"]
      const own = message ?? (typeof e === "string" ? `expected ${e}` : undefined)
      return collect(issue.issue, path, input, out, reason ?? own)
    }
    case "Composite":
      for (const i of issue.issues) collect(i, path, input, out, reason)
      return
    case "AnyOf":
      if (issue.issues.length > 0) {
        for (const i of issue.issues) collect(i, path, input, out, reason)
        return
      }
      out.push({
        path: formatPath(path),
        reason: reason ?? "matches none of the allowed forms",
        value: formatValue(at(input, path))
      })
      return
    default:
      out.push({ path: formatPath(path), reason: reason ?? leafReason(issue), value: formatValue(at(input, path)) })
  }
}

/** The problems an issue reports about `input`, leaves first, in the order the schema met them. */
export const problems = (issue: SchemaIssue.Issue, input: unknown): ReadonlyArray<Problem> => {
  const out: Array<Problem> = []
  collect(issue, [], input, out)
  return out.length > 0 ? out : [{ path: "", reason: "invalid", value: formatValue(input) }]
}

/** One problem on one line: `schemaId: expected a UUID, received "x"`. */
export const formatProblem = (p: Problem): string =>
  `${p.path === "" ? "" : `${p.path}: `}${p.reason}${p.value === "missing" ? "" : `, received ${p.value}`}`

/** The first problems on one line each (at most `max`, then how many more). */
export const formatProblems = (ps: ReadonlyArray<Problem>, max = 2): string =>
  [...ps.slice(0, max).map(formatProblem), ...(ps.length > max ? [`(and ${ps.length - max} more)`] : [])].join("; ")

/** What `make` and constructors throw: the schema's name, then the field, reason and value of each problem. */
export class InvalidValue extends Schema.TaggedError<InvalidValue>()("InvalidValue", {
  schema: Schema.String,
  problems: Schema.Array(Schema.Struct({ path: Schema.String, reason: Schema.String, value: Schema.String }))
}) {
  override get message(): string {
    return `invalid ${this.schema}: ${formatProblems(this.problems)}`
  }
}

/** Rethrows a schema validation failure as an `InvalidValue`; anything else unchanged. */
export const rethrowReadable = (schema: string, input: unknown, error: unknown): never => {
  const issue = error instanceof Error ? error.cause : undefined
  if (SchemaIssue.isIssue(issue)) throw new InvalidValue({ schema, problems: problems(issue, input) })
  throw error
}

/**
 * Gives `make` of each schema a readable error: `invalid Jour: 2024-02-30 is not a calendar day, received
 * "2024-02-30"` instead of `Schema validation failed` with the reason in `cause`.
 */
export const readableMake = (schemas: Readonly<Record<string, Schema.Top>>): void => {
  for (const [name, schema] of Object.entries(schemas)) {
    // Not `schema.make`: reading it memoizes a non-configurable property.
    const make = SchemaParser.make(schema) as (input: unknown, options?: unknown) => unknown
    Object.defineProperty(schema, "make", {
      configurable: true,
      value: (input: unknown, options?: unknown) => {
        try {
          return make(input, options)
        } catch (error) {
          return rethrowReadable(name, input, error)
        }
      }
    })
  }
}

/**
 * `Schema.TaggedClass` whose constructor and static `make` throw an `InvalidValue` naming the class, field, reason
 * and value.
 * Decoding, encoding and `Schema.is` are those of the class.
 */
export const TaggedClass =
  <Self>() => <const Tag extends string, const Fields extends Schema.Struct.Fields>(tag: Tag, fields: Fields) => {
    const Base = Schema.TaggedClass<Self>()(tag, fields)
    const Constructor = Base as unknown as new(...args: ReadonlyArray<unknown>) => object
    const Readable = class extends Constructor {
      // oxlint-disable-next-line constructor-super -- rethrowReadable returns never: every path calls super or throws
      constructor(...args: ReadonlyArray<unknown>) {
        try {
          super(...args)
        } catch (error) {
          rethrowReadable(tag, args[0], error)
        }
      }
    }
    const make =
      (Base as unknown as { readonly make: (this: unknown, input: unknown, options?: unknown) => unknown }).make
    Object.defineProperty(Readable, "make", {
      configurable: true,
      value: function(this: unknown, input: unknown, options?: unknown) {
        try {
          return make.call(this, input, options)
        } catch (error) {
          return rethrowReadable(tag, input, error)
        }
      }
    })
    return Readable as unknown as typeof Base
  }

const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] as number
}

/** The candidates closest to `word` (edit distance, case ignored), at most `max`, nearest first; none when far. */
export const closest = (word: string, candidates: Iterable<string>, max = 3): ReadonlyArray<string> => {
  const w = word.toLowerCase()
  const limit = Math.max(2, Math.floor(w.length / 3))
  return [...candidates]
    .map((c) => ({ c, d: distance(w, c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d)
    .slice(0, max)
    .map(({ c }) => c)
}
