// `since` and `until`: the period get-stats reports on, as calendar dates (UTC) or
// as a time back from now (`30d`, `12h`); docs/zadigx-api.md#statistics.
import { DURATION_FORMS, DurationError, parseDuration } from '../duration.js'
import type { Problems } from './scalars.js'

/** One end of the period: a moment in Unix seconds, or a time back from now. */
export type PeriodBound = { at: number } | { agoMs: number }

/** The longest period the statistics routes accept (docs/zadigx-api.md#statistics). */
export const MAX_PERIOD_DAYS = 365

const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS = /^(\d+)\s*d$/i
const EXPECTED = `a date (2026-01-31, UTC) or a time back from now (30d, 12h, ${DURATION_FORMS})`

/**
 * Reads `since` or `until`. A date is the start of that day for `since` and its
 * end for `until`, so `since: 2026-01-01, until: 2026-01-31` covers all of January.
 */
export function readPeriodBound(
  input: 'since' | 'until',
  text: string,
  problems: Problems
): PeriodBound | undefined {
  const value = text.trim()
  const date = DATE.exec(value)
  if (date) {
    const [y, m, d] = date.slice(1).map(Number) as [number, number, number]
    const ms = Date.UTC(y, m - 1, d)
    const back = new Date(ms)
    if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
      problems.push(`${input}: expected a real calendar date, got "${value}"`)
      return undefined
    }
    const at = input === 'since' ? ms : ms + DAY_MS - 1000
    return { at: Math.floor(at / 1000) }
  }
  const days = DAYS.exec(value)
  if (days) return tooLong(input, Number(days[1]) * DAY_MS, problems)
  try {
    return tooLong(input, parseDuration(value), problems)
  } catch (err) {
    const why = err instanceof DurationError ? ` (${err.message})` : ''
    problems.push(
      `${input}: expected ${EXPECTED}, got "${value.slice(0, 40)}"${why}`
    )
    return undefined
  }
}

function tooLong(
  input: string,
  agoMs: number,
  problems: Problems
): PeriodBound | undefined {
  if (agoMs > MAX_PERIOD_DAYS * DAY_MS) {
    problems.push(
      `${input}: expected at most ${MAX_PERIOD_DAYS}d back from now, got ${Math.round(agoMs / DAY_MS)}d`
    )
    return undefined
  }
  return { agoMs }
}

/** A period in Unix seconds. */
export interface Period {
  start: number
  end: number
}

/**
 * The period at `nowMs` (`since` defaults to 30 days back, `until` to now), or the
 * reason it cannot be asked for, naming the inputs.
 */
export function resolvePeriod(
  since: PeriodBound | undefined,
  until: PeriodBound | undefined,
  nowMs: number
): Period | string {
  const at = (b: PeriodBound): number =>
    'at' in b ? b.at : Math.floor((nowMs - b.agoMs) / 1000)
  const start = at(since ?? { agoMs: 30 * DAY_MS })
  const end = at(until ?? { agoMs: 0 })
  if (end <= start)
    return `since/until: expected since before until, got ${iso(start)} .. ${iso(end)}`
  if (end - start > MAX_PERIOD_DAYS * 86_400)
    return `since/until: expected at most ${MAX_PERIOD_DAYS} days, got ${iso(start)} .. ${iso(end)}`
  return { start, end }
}

/** A Unix time in seconds as an ISO date-time (UTC). */
export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}
