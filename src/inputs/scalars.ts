// Readers for single-value inputs. Each one adds a problem (input name, what
// was expected, what came) to `problems` instead of throwing.
import { DURATION_FORMS, formatDuration, parseDuration } from '../duration.js'
import { quote } from '../structured.js'

/** Where readers put what is wrong with an input. */
export type Problems = string[]

/** Checks the server address and returns it without a trailing slash. */
export function readUrl(text: string, problems: Problems): string {
  const expected =
    'url: expected an http(s) address such as https://zadigx.example.com'
  if (text === '') {
    problems.push(
      `${expected} (set the url input or the ZADIGX_URL environment variable), got nothing`
    )
    return ''
  }
  if (/\s/.test(text)) {
    problems.push(
      `${expected} without spaces or line breaks, got ${quote(text)}`
    )
    return ''
  }
  let parsed: URL | undefined
  try {
    parsed = new URL(text)
  } catch {
    parsed = undefined
  }
  const server = parsed && serverAddressOf(parsed)
  if (parsed && server) {
    problems.push(
      `url: expected the ZadigX server address, got ${quote(text)}, which ${server.why}; use ${quote(server.address)}`
    )
    return ''
  }
  const ok =
    parsed !== undefined &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== '' &&
    parsed.search === '' &&
    parsed.hash === '' &&
    parsed.username === '' &&
    parsed.password === ''
  if (!parsed || !ok) {
    problems.push(`${expected}, got ${quote(text)}`)
    return ''
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`
}

// Paths the action adds itself (API prefixes) and the web UI's own pages: a URL that
// holds one was copied from an API document or the browser's address bar.
const API_PREFIX = /\/(openapi|api\/aslan|api\/directory|api\/v1)(\/|$)/
const UI_PAGE = /\/(v1\/|signin(\/|$)|productpipelines\/|#\/)/

function serverAddressOf(
  url: URL
): { address: string; why: string } | undefined {
  const path = url.pathname + url.hash
  const api = API_PREFIX.exec(path)
  if (api) {
    const address = url.origin + path.slice(0, api.index)
    return {
      address,
      why: `ends in the API path /${api[1]} that the action adds itself`
    }
  }
  // A gateway's /api alone: the action adds /api/aslan and /openapi itself.
  const bare = /\/api\/?$/.exec(path)
  if (bare) {
    const address = url.origin + path.slice(0, bare.index)
    return {
      address,
      why: 'ends in /api, a prefix of the API paths the action adds itself'
    }
  }
  const page = UI_PAGE.exec(path)
  if (page) {
    const address = url.origin + path.slice(0, page.index)
    return { address, why: 'is the address of a ZadigX web page' }
  }
  return undefined
}

/** Checks the API token's form without ever putting its value in a message. */
export function readToken(text: string, problems: Problems): void {
  if (text === '') {
    problems.push(
      'token: expected a ZadigX API token (set the token input or the ZADIGX_TOKEN environment variable), got nothing'
    )
  } else if (/^bearer\s/i.test(text)) {
    problems.push(
      'token: expected the API token alone, got a value that starts with "Bearer " (remove that prefix)'
    )
  } else if (/\s/.test(text)) {
    problems.push(
      'token: expected a single API token, got a value containing spaces or line breaks'
    )
  }
}

/** Reads one of a fixed set of words (case-insensitive). */
export function readChoice<T extends string>(
  name: string,
  text: string,
  choices: readonly T[],
  fallback: T,
  problems: Problems
): T {
  if (text === '') return fallback
  const value = text.toLowerCase() as T
  if (choices.includes(value)) return value
  problems.push(
    `${name}: expected one of ${choices.join(', ')}, got ${quote(text)}`
  )
  return fallback
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** Reads a YAML 1.2 core boolean, as `core.getBooleanInput` does. */
export function readBoolean(
  name: string,
  text: string,
  fallback: boolean,
  problems: Problems
): boolean {
  if (text === '') return fallback
  if (TRUE.includes(text)) return true
  if (FALSE.includes(text)) return false
  problems.push(
    `${name}: expected true or false (YAML 1.2 core schema: true | True | TRUE | false | False | FALSE), got ${quote(text)}`
  )
  return fallback
}

/** Reads a whole number in [min, max]; `fallback` when empty or wrong. */
export function readInteger(
  name: string,
  text: string,
  range: { min: number; max?: number; fallback: number },
  problems: Problems
): number {
  if (text === '') return range.fallback
  const value = Number(text)
  const inRange =
    /^\d+$/.test(text) &&
    Number.isSafeInteger(value) &&
    value >= range.min &&
    (range.max === undefined || value <= range.max)
  if (inRange) return value
  const wanted =
    range.max === undefined
      ? range.min === 1
        ? 'a positive whole number'
        : `a whole number of at least ${range.min}`
      : `a whole number from ${range.min} to ${range.max}`
  problems.push(`${name}: expected ${wanted}, got ${quote(text)}`)
  return range.fallback
}

/** The range a duration input accepts, in ms. */
export interface DurationRange {
  fallback: number
  /** The least accepted (above zero: zero is never a useful wait). */
  min: number
  max: number
}

/** Reads a duration in ms within `range`; `fallback` when empty or wrong. */
export function readDuration(
  name: string,
  text: string,
  range: DurationRange,
  problems: Problems
): number {
  if (text === '') return range.fallback
  let ms: number
  try {
    ms = parseDuration(text)
  } catch {
    const why = text.startsWith('-') ? ' (it cannot be negative)' : ''
    problems.push(
      `${name}: expected a duration (${DURATION_FORMS}), got ${quote(text)}${why}`
    )
    return range.fallback
  }
  if (ms < range.min || ms > range.max) {
    const to = formatDuration(range.max)
    const within =
      range.min <= 1
        ? `above zero and at most ${to}`
        : `from ${formatDuration(range.min)} to ${to}`
    problems.push(
      `${name}: expected a duration ${within} (${DURATION_FORMS}), got ${quote(text)}`
    )
    return range.fallback
  }
  return ms
}

/** Reads a commit SHA (7 to 40 hex digits), returned in lower case. */
export function readCommit(text: string, problems: Problems): string {
  if (/^[0-9a-f]{7,40}$/i.test(text)) return text.toLowerCase()
  problems.push(
    `commit: expected a commit SHA of 7 to 40 hexadecimal digits, got ${quote(text)}`
  )
  return text
}
