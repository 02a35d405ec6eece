// Retry timing: exponential backoff with full jitter, and `Retry-After`.
import { isTransient } from './errors.js'
import type { ZadigApiError } from './errors.js'

/** How often and how patiently idempotent calls are retried. */
export interface RetryPolicy {
  /** Total tries, the first one included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

/** 4 tries, waits drawn from up to 1 s, 2 s, 4 s (capped at 15 s). */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 15000
}

/**
 * The longest `Retry-After` obeyed. The client throws rather than wait longer (a
 * step must not hang silently for minutes); the follow loop (follow/loop.ts) waits
 * this long at most before it looks again.
 */
export const MAX_RETRY_AFTER_MS = 60_000

/** Full jitter: a random wait in [0, min(max, base * 2^(failures-1))). */
export function backoffDelay(
  failures: number,
  policy: RetryPolicy,
  random: () => number
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, failures - 1)
  )
  return Math.floor(random() * ceiling)
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number
): number | undefined {
  const text = (value ?? '').trim()
  if (text === '') return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * The wait before the next try, or undefined when `err` must be thrown: not
 * idempotent (a resent trigger starts a second pipeline), not transient, tries
 * used up, or a `Retry-After` too long to wait for.
 */
export function retryDelay(
  err: unknown,
  failures: number,
  idempotent: boolean,
  policy: RetryPolicy,
  random: () => number
): number | undefined {
  if (!idempotent || failures >= policy.attempts || !isTransient(err)) {
    return undefined
  }
  const asked = (err as ZadigApiError).retryAfterMs
  if (asked === undefined) return backoffDelay(failures, policy, random)
  if (asked > Math.max(policy.maxDelayMs, MAX_RETRY_AFTER_MS)) return undefined
  return asked
}
