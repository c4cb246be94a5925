import { isSqlError } from "effect/sql/SqlError"

const serverMessage = (cause: unknown): string | undefined => {
  if (typeof cause !== "object" || cause === null) return undefined
  const fields = cause as { readonly message?: unknown; readonly detail?: unknown; readonly code?: unknown }
  if (typeof fields.message !== "string" || fields.message === "") return undefined
  const code = typeof fields.code === "string" ? ` [${fields.code}]` : ""
  const detail = typeof fields.detail === "string" ? ` (${fields.detail})` : ""
  return `${fields.message}${code}${detail}`
}

/** An `Error` whose text carries the server's message, keeping the original as `cause` (safe to `String()`). */
export const describe = (cause: unknown): Error => {
  if (isSqlError(cause)) {
    const reason = cause.reason
    const text = serverMessage(reason.cause) ?? reason.message ?? cause.message
    return new Error(`${reason._tag}: ${text}`, { cause })
  }
  if (cause instanceof Error) return cause
  return new Error(String(cause), { cause })
}
