// Typed reading of ZadigX answers: every value the action relies on is checked for
// type and shape where it is read, so that a wrong type becomes a clear error naming
// the field and what came, not a TypeError three calls later, and text with line
// breaks or workflow commands never passes for an id or a status
// (docs/zadigx-api.md#answer-shapes).

/** An answer the action refuses: a field of the wrong type or shape. */
export class AnswerShapeError extends Error {
  /** The field as a path (`stages[0].jobs`), or '' for the whole answer. */
  readonly field: string
  constructor(field: string, got: unknown, expected: string) {
    const where = field === '' ? 'with' : `with \`${field}\` as`
    super(`${where} ${describeAnswer(got)}, expected ${expected}`)
    this.name = 'AnswerShapeError'
    this.field = field
  }
}

/** Where a value sits in an answer, for messages. */
export type FieldPath = string

const at = (path: FieldPath, key: string | number): FieldPath =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : path === ''
      ? key
      : `${path}.${key}`

const PREVIEW = 40

/** What came, in words: `an object`, `a list`, `the number 5`, `the text "…"`. */
export function describeAnswer(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') {
    // JSON escaping keeps it on one line: a line break cannot start a command.
    const cut = value.length > PREVIEW ? `${value.slice(0, PREVIEW)}…` : value
    return `the text ${JSON.stringify(cut)}`
  }
  if (typeof value === 'number') return `the number ${String(value)}`
  return `the value ${String(value)}`
}

/** A JSON object; anything else is refused. */
export function record(
  value: unknown,
  path: FieldPath
): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>
  throw new AnswerShapeError(path, value, 'an object')
}

/** A JSON object, or undefined for a missing or null one. */
export function optionalRecord(
  value: unknown,
  path: FieldPath
): Record<string, unknown> | undefined {
  return value === undefined || value === null ? undefined : record(value, path)
}

/** A list (missing or null: empty), each element read by `each`. */
export function list<T>(
  value: unknown,
  path: FieldPath,
  each: (item: unknown, path: FieldPath) => T
): T[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new AnswerShapeError(path, value, 'a list')
  return value.map((item, i) => each(item, at(path, i)))
}

/** Reads field `key` of `object` with `read`, naming the path on failure. */
export function fieldOf<T>(
  object: Record<string, unknown>,
  path: FieldPath,
  key: string,
  read: (value: unknown, path: FieldPath) => T
): T {
  return read(object[key], at(path, key))
}

// Task ids are int64 on the server; JavaScript keeps integers exact up to 2^53.
/** A reader of one value at `path`. */
export type ValueReader = (value: unknown, path: FieldPath) => unknown

/**
 * Reads `value` as an object and its listed fields with their readers (a required one
 * is refused when missing); a missing or null optional field stays as it came, and so
 * do the fields that are not listed.
 */
export function readFields<T>(
  value: unknown,
  path: FieldPath,
  readers: Record<string, ValueReader>
): T {
  const object = record(value, path)
  const out: Record<string, unknown> = { ...object }
  for (const [key, read] of Object.entries(readers)) {
    const value = fieldOf(object, path, key, read)
    const came = object[key]
    if (came !== undefined && came !== null) out[key] = value
  }
  return out as T
}

/** A task id: a positive safe integer. */
export function taskId(value: unknown, path: FieldPath): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
    return value
  throw new AnswerShapeError(path, value, 'a positive whole number')
}

/** A number (times, counts), or undefined when missing or null. */
export function optionalNumber(
  value: unknown,
  path: FieldPath
): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new AnswerShapeError(path, value, 'a number')
}

/** A count (a whole number from 0, exact in JavaScript), or undefined when missing or null. */
export function optionalCount(
  value: unknown,
  path: FieldPath
): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return value
  throw new AnswerShapeError(path, value, 'a whole number from 0')
}

/** A boolean, or undefined when missing or null. */
export function optionalBoolean(
  value: unknown,
  path: FieldPath
): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  throw new AnswerShapeError(path, value, 'true or false')
}

// Every status of the server is one lower-case word with `_` (config.Status,
// docs/zadigx-api.md#task-statuses); `-` and capitals are allowed for the spellings
// of other generations (`notRun`), nothing else: a status is printed in logs.
const STATUS_WORD = /^[A-Za-z][A-Za-z_-]{0,39}$/

/** A status: '' (not set yet) or one short word of letters, `_` and `-`. */
export function statusWord(value: unknown, path: FieldPath): string {
  if (value === undefined || value === null || value === '') return ''
  if (typeof value === 'string' && STATUS_WORD.test(value)) return value
  throw new AnswerShapeError(path, value, 'a status word (letters, `_` or `-`)')
}

/** Length limits of server text, in characters: names stay names, errors stay readable. */
export const TEXT_LIMIT = { name: 256, text: 4000 } as const

/** Text (a name, an error), clipped to `max`; missing or null reads as undefined. */
export function optionalText(
  value: unknown,
  path: FieldPath,
  max: number = TEXT_LIMIT.text
): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string')
    throw new AnswerShapeError(path, value, 'a text')
  return value.length > max ? `${value.slice(0, max)}…` : value
}

/** Like optionalText, but a missing value reads as ''. */
export function text(
  value: unknown,
  path: FieldPath,
  max: number = TEXT_LIMIT.text
): string {
  return optionalText(value, path, max) ?? ''
}

/** A name (stage, job, workflow, user): text clipped to TEXT_LIMIT.name. */
export function name(value: unknown, path: FieldPath): string {
  return text(value, path, TEXT_LIMIT.name)
}

/** An optional name: text clipped to TEXT_LIMIT.name, or undefined. */
export function optionalName(
  value: unknown,
  path: FieldPath
): string | undefined {
  return optionalText(value, path, TEXT_LIMIT.name)
}
