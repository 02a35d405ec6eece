// Errors of the ZadigX client: one class with data, a message fit for users,
// and never the API token (STYLE.md "The client").
import { scrub } from '../secrets.js'

/** The data a `ZadigApiError` carries besides its message. */
export interface ZadigApiErrorFields {
  /** HTTP status; 0 means the request got no answer (network failure, timeout). */
  status: number
  /** Zadig's own code (6xxx/7xxx, 400..500, license 1000..1010, directory resultCode). */
  code?: number
  /** Zadig's `message` (often Chinese, shown as is). */
  zadigMessage?: string
  /** Zadig's `description`: the detail. */
  description?: string
  method: string
  /** The API path without the query string, so a `?token=` can never leak. */
  path: string
  /** Start of a body that is not a Zadig JSON error (HTML page, proxy text). */
  bodySnippet?: string
  /** What the server asked for in `Retry-After`. */
  retryAfterMs?: number
  /** A setup problem (TLS trust, proxy) that trying again cannot fix. */
  permanent?: boolean
  /** A 2xx answer whose JSON body does not parse (cut off on the way). */
  garbled?: boolean
  /** An answer larger than the client reads (body.ts): not read to its end. */
  oversized?: boolean
  /** A redirect of a call that is not idempotent, not followed (http.ts). */
  redirectRefused?: boolean
  /**
   * An answer the action refuses to act on: a field of the wrong type or shape, or
   * another task than the one asked for (docs/zadigx-api.md#answer-shapes).
   */
  refused?: boolean
}

/** A failed ZadigX call. `status` 0 means network failure or timeout. */
export class ZadigApiError extends Error implements ZadigApiErrorFields {
  readonly status: number
  readonly code?: number
  readonly zadigMessage?: string
  readonly description?: string
  readonly method: string
  readonly path: string
  readonly bodySnippet?: string
  readonly retryAfterMs?: number
  readonly permanent?: boolean
  readonly garbled?: boolean
  readonly oversized?: boolean
  readonly redirectRefused?: boolean
  readonly refused?: boolean

  /**
   * `detail` is the human part after "failed: ". Every string is scrubbed of
   * `secret` (the token) because servers and proxies may echo a request back.
   */
  constructor(fields: ZadigApiErrorFields, detail: string, secret?: string) {
    // Every registered secret in every form (src/secrets.ts), and this client's own token
    // even when nothing registered it (a client built outside run()).
    const clean = (s: string): string =>
      scrub(secret ? s.split(secret).join('***') : s)
    super(
      `ZadigX ${fields.method} ${clean(fields.path)} failed: ${clean(oneLine(detail))}`
    )
    this.name = 'ZadigApiError'
    this.status = fields.status
    this.method = fields.method
    this.path = clean(fields.path)
    if (fields.code !== undefined) this.code = fields.code
    if (fields.zadigMessage !== undefined)
      this.zadigMessage = clean(fields.zadigMessage)
    if (fields.description !== undefined)
      this.description = clean(fields.description)
    if (fields.bodySnippet !== undefined)
      this.bodySnippet = clean(fields.bodySnippet)
    if (fields.retryAfterMs !== undefined)
      this.retryAfterMs = fields.retryAfterMs
    if (fields.permanent) this.permanent = true
    if (fields.garbled) this.garbled = true
    if (fields.oversized) this.oversized = true
    if (fields.redirectRefused) this.redirectRefused = true
    if (fields.refused) this.refused = true
  }
}

// Server text on one line: a runner reads `::command::` only at the start of a
// line, and the message always starts with "ZadigX".
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}

/** ZadigX's description of an object that does not exist (a MongoDB miss). */
export const NO_DOCUMENTS = 'mongo: no documents in result'

// The error tests read fields, not classes: the poller's errors may be shaped like a
// ZadigApiError without being one (another realm, a test double).
interface ErrorFields {
  status?: unknown
  code?: unknown
  description?: unknown
  garbled?: unknown
  permanent?: unknown
  oversized?: unknown
  refused?: unknown
}

const fieldsOf = (err: unknown): ErrorFields | undefined =>
  typeof err === 'object' && err !== null ? (err as ErrorFields) : undefined

/**
 * True when ZadigX says the object does not exist: task detail answers HTTP 500
 * with `mongo: no documents in result` (v1.18 .. HEAD), retry answers code 6161.
 */
export function isNotFound(err: unknown): boolean {
  const e = fieldsOf(err)
  if (!e) return false
  const description = typeof e.description === 'string' ? e.description : ''
  return e.code === 6161 || description.includes(NO_DOCUMENTS)
}

/** True for an answer the action refused (wrong shape, another task). */
export function isRefused(err: unknown): boolean {
  return fieldsOf(err)?.refused === true
}

/** Who asks whether an error is worth trying again. */
export interface TransientRule {
  /**
   * A poller, whose path has answered before: a setup failure (`permanent`: proxy,
   * TLS trust) is then a proxy restarting, and an answer too large to read a proxy's
   * hiccup, both worth polling through until the deadline.
   */
  polling?: boolean
}

/**
 * The one "worth retrying" rule of the client (retry.ts) and the poller: no answer,
 * a cut-off JSON answer, 408, 429 and 5xx, but not ZadigX's "not found" 500.
 */
export function isTransient(err: unknown, rule: TransientRule = {}): boolean {
  const e = fieldsOf(err)
  if (!e || (e.permanent === true && !rule.polling)) return false
  if (e.garbled === true) return true
  // The client does not fetch 16 MiB again at once; the poller looks again later.
  if (e.oversized === true) return rule.polling === true
  const { status } = e
  if (typeof status !== 'number') return false
  if (status === 0 || status === 408 || status === 429) return true
  return status >= 500 && status <= 599 && !isNotFound(err)
}

/**
 * True when the server's router has no such route: aslan answers a plain-text
 * 404 `Invalid path: …`, or 405 `Method not allowed: …` for a path it knows for
 * other methods; a handler's own 404 is JSON with a code
 * (docs/zadigx-api.md#error-shapes).
 */
export function isRouteMissing(err: unknown): boolean {
  return (
    err instanceof ZadigApiError &&
    (err.status === 404 || err.status === 405) &&
    err.code === undefined
  )
}
