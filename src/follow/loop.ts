// Follows a thing with a snapshot that ends: looks until a snapshot says it is over,
// the deadline passes or the job is cancelled; rides out short server outages and
// never sleeps past its deadline. Tasks are the first user (task-wait.ts).
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { errorMessage, untrusted, type Logger } from '../log.js'
import { isRefused, isTransient } from '../zadig/errors.js'
import { MAX_RETRY_AFTER_MS } from '../zadig/retry.js'
import { showAll, type Observer } from './observers.js'

/** Something that can be looked at until it is over. */
export interface Followable<S> {
  /** One look, without retries of its own (the loop looks again). */
  look(signal?: AbortSignal): Promise<S>
  /** True when this snapshot ends the follow. */
  isOver(snapshot: S): boolean
}

/** The pause the loop asks its strategy for. */
export interface DelayAsk<S> {
  snapshot: S | null
  elapsedMs: number
  pollIntervalMs: number
}

/** How to follow. */
export interface FollowOptions<S> {
  timeoutMs: number
  pollIntervalMs: number
  clock: Clock
  log: Logger
  /** Aborts the follow (job cancelled): it returns promptly with the last snapshot. */
  signal?: AbortSignal
  /** Polling strategy; the default is `pollIntervalMs`. */
  nextDelayMs?: (ask: DelayAsk<S>) => number
  /** The pause itself; default `clock.sleep` (a stream can end it early). */
  pause?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Errors that must not end the follow; default `isTransient` while polling. */
  isTransient?: (err: unknown) => boolean
  /** See every snapshot, in order. */
  observers?: Observer<S, never>[]
}

/** How the follow ended. */
export interface FollowEnd<S> {
  last: S | null
  how: 'over' | 'timeout' | 'aborted'
  /** Time spent without an answer. */
  unreachableMs: number
}

/** Tracks a streak of failed looks: warns once, says when it is over. */
function createOutageTracker(log: Logger, clock: Clock) {
  let since: number | null = null
  let total = 0
  let askedMs = 0
  return {
    /** What the last failure asked to wait (`Retry-After`), once. */
    takeRetryAfter(): number {
      const ms = askedMs
      askedMs = 0
      return ms
    },
    failed(err: unknown, at: number): void {
      const retryAfter = (err as { retryAfterMs?: unknown }).retryAfterMs
      if (typeof retryAfter === 'number') askedMs = capped(retryAfter, log)
      const text = untrusted(errorMessage(err))
      if (since !== null)
        return log.debug(`ZadigX still not answering: ${text}`)
      since = at
      log.warning(`ZadigX did not answer (${text}); still waiting`)
    },
    recovered(): void {
      if (since === null) return
      const ms = clock.now() - since
      total += ms
      since = null
      log.info(
        `ZadigX answers again; it was unreachable for ${formatDuration(ms, 'clock')}`
      )
    },
    totalMs(): number {
      return total + (since === null ? 0 : clock.now() - since)
    }
  }
}

// A Retry-After of hours (or a number that overflows a timer) would stall the
// follow until its deadline and report a timeout for a task that ended meanwhile.
function capped(askedMs: number, log: Logger): number {
  if (!(askedMs > MAX_RETRY_AFTER_MS)) return Math.max(0, askedMs)
  const most = formatDuration(MAX_RETRY_AFTER_MS, 'clock')
  log.debug(
    `ZadigX asked to wait ${Number.isFinite(askedMs) ? formatDuration(askedMs, 'clock') : 'forever'} (Retry-After); waiting ${most}`
  )
  return MAX_RETRY_AFTER_MS
}

type OutageTracker = ReturnType<typeof createOutageTracker>

/**
 * Refused answers (a wrong shape, another task) looked past in a row: a cache or a
 * proxy may answer stale once or twice; a third one in a row ends the follow
 * (docs/zadigx-api.md#answer-shapes).
 */
export const REFUSED_LOOKS = 2

/** Counts refused answers in a row; throws once there are more than REFUSED_LOOKS. */
function createRefusalCounter(log: Logger) {
  let streak = 0
  return {
    refused(err: unknown): void {
      streak += 1
      const text = untrusted(errorMessage(err))
      if (streak > REFUSED_LOOKS)
        throw new Error(
          `${errorMessage(err)}\nZadigX gave ${streak} answers in a row that the action refuses; it stops following the task.`,
          { cause: err }
        )
      log.warning(`${text}; looking again`)
    },
    answered(): void {
      streak = 0
    }
  }
}

type RefusalCounter = ReturnType<typeof createRefusalCounter>

const pollingThrough = (err: unknown): boolean =>
  isTransient(err, { polling: true })

async function lookOnce<S>(
  thing: Followable<S>,
  o: FollowOptions<S>,
  outage: OutageTracker,
  refusals: RefusalCounter
): Promise<S | null> {
  const at = o.clock.now()
  try {
    const snapshot = await thing.look(o.signal)
    outage.recovered()
    refusals.answered()
    return snapshot
  } catch (err) {
    // A cancelled job aborts the request too: that is not an error of ZadigX.
    if (o.signal?.aborted) return null
    if (isRefused(err)) {
      // The server answered: not an outage, but not an answer to act on either.
      outage.recovered()
      refusals.refused(err)
      return null
    }
    if (!(o.isTransient ?? pollingThrough)(err)) throw err
    outage.failed(err, at)
    return null
  }
}

/** The next pause from the polling strategy; nonsense falls back to the interval. */
function delayFor<S>(
  o: FollowOptions<S>,
  snapshot: S | null,
  elapsedMs: number
): number {
  const ask = { snapshot, elapsedMs, pollIntervalMs: o.pollIntervalMs }
  const asked = o.nextDelayMs ? o.nextDelayMs(ask) : o.pollIntervalMs
  return Number.isFinite(asked) && asked >= 0 ? asked : o.pollIntervalMs
}

/**
 * Looks at `thing` until a snapshot is over, the timeout passes or the signal aborts.
 * The thing itself is left as is; what to do about it is the caller's business.
 */
export async function follow<S>(
  thing: Followable<S>,
  o: FollowOptions<S>
): Promise<FollowEnd<S>> {
  const { clock, signal } = o
  const startedAt = clock.now()
  const deadline = startedAt + Math.max(0, o.timeoutMs)
  const outage = createOutageTracker(o.log, clock)
  const refusals = createRefusalCounter(o.log)
  let last: S | null = null
  const end = (how: FollowEnd<S>['how']): FollowEnd<S> => ({
    last,
    how,
    unreachableMs: outage.totalMs()
  })
  for (;;) {
    if (signal?.aborted) return end('aborted')
    const next = await lookOnce(thing, o, outage, refusals)
    if (next !== null) {
      last = next
      showAll(o.observers ?? [], next)
      if (thing.isOver(next)) return end('over')
    }
    if (signal?.aborted) return end('aborted')
    const remaining = deadline - clock.now()
    if (remaining <= 0) return end('timeout')
    // A 429 or 503 with Retry-After is obeyed up to a cap, within the deadline.
    const delay = Math.max(
      delayFor(o, last, clock.now() - startedAt),
      outage.takeRetryAfter()
    )
    const ms = Math.min(delay, remaining)
    await (o.pause ? o.pause(ms, signal) : clock.sleep(ms, signal))
  }
}
