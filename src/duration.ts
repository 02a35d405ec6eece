// Human durations: read from the timeout and poll-interval inputs, written in logs and reports.

/** The accepted forms, for messages that tell users what to write. */
export const DURATION_FORMS =
  '90s, 15m, 1h, 1h30m, 500ms or plain seconds such as 45 or 2.5'

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`
const PLAIN_SECONDS = new RegExp(`^${NUMBER}$`)
const PART = new RegExp(`(${NUMBER})\\s*(ms|s|m|h)`, 'y')

/** Why a duration could not be read; the message says what was wrong. */
export class DurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DurationError'
  }
}

/**
 * Reads a duration and returns milliseconds (rounded). Accepts `90s`, `15m`,
 * `1h`, `500ms`, sequences such as `1h30m` or `1m 30s`, and plain seconds
 * (`45`, `2.5`). Units are case-insensitive. Throws a `DurationError` for
 * negative or unreadable values; zero is returned as 0 for the caller to judge.
 */
export function parseDuration(text: string): number {
  const value = text.trim().toLowerCase()
  if (value === '') throw new DurationError('the value is empty')
  if (value.startsWith('-')) {
    throw new DurationError('a duration cannot be negative')
  }
  const ms = PLAIN_SECONDS.test(value) ? Number(value) * 1000 : sumParts(value)
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new DurationError(`expected ${DURATION_FORMS}`)
  }
  return Math.round(ms)
}

/** Adds up `<number><unit>` parts; undefined when anything else is present. */
function sumParts(value: string): number | undefined {
  let total = 0
  let index = 0
  while (index < value.length) {
    PART.lastIndex = index
    const match = PART.exec(value)
    if (!match) return undefined
    const [whole, amount = '', unit = ''] = match
    total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN)
    index += whole.length
    while (value[index] === ' ') index++
  }
  return total
}

/**
 * How a duration is written: `notation` as inputs take it (5400000 -> "1h30m",
 * 500 -> "500ms", exact, so that parseDuration reads it back); `clock` to whole
 * seconds for logs and reports ("45s", "1m32s", "1h02m").
 */
export type DurationStyle = 'notation' | 'clock'

/** Writes `ms` milliseconds in `style` (default `notation`). */
export function formatDuration(
  ms: number,
  style: DurationStyle = 'notation'
): string {
  return style === 'clock' ? clockText(ms) : notationText(ms)
}

function notationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const hours = Math.floor(ms / 3_600_000)
  const minutes = Math.floor((ms % 3_600_000) / 60_000)
  const seconds = Math.round(ms % 60_000) / 1000
  const parts = [
    hours > 0 ? `${hours}h` : '',
    minutes > 0 ? `${minutes}m` : '',
    seconds > 0 ? `${seconds}s` : ''
  ]
  return parts.join('')
}

function clockText(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (h > 0) return `${h}h${pad(m)}m`
  if (m > 0) return `${m}m${pad(s)}s`
  return `${s}s`
}
