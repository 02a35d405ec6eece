// Go-style decoding of query strings and JSON bodies, so bad input fails the way
// gin's binders and encoding/json fail (docs/zadigx-api.md#routes, #error-shapes).

/** Field kinds of a Go struct we decode into. */
export type FieldKind = 'string' | 'int64' | 'bool' | 'array' | 'object'

/** The decoded object, or the text of Go's error. */
export type Decoded =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: string }

/** Parses a query integer like gin's BindQuery: absent = fallback, bad = undefined. */
export function queryInt(
  value: string | undefined,
  fallback: number
): number | undefined {
  if (value === undefined || value === '') return fallback
  return /^[+-]?\d+$/.test(value) ? Number(value) : undefined
}

// encoding/json names the JSON value; a non-integer for an int field shows its text.
function goKind(value: unknown, kind?: FieldKind): string {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number')
    return kind === 'int64' ? `number ${value}` : 'number'
  return typeof value
}

function syntaxError(raw: string): string {
  const first = raw.trim()[0]
  if (first === undefined) return 'unexpected end of JSON input'
  return `invalid character '${first}' looking for beginning of value`
}

function fits(kind: FieldKind, value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (kind === 'string') return typeof value === 'string'
  if (kind === 'bool') return typeof value === 'boolean'
  if (kind === 'array') return Array.isArray(value)
  if (kind === 'object')
    return typeof value === 'object' && !Array.isArray(value)
  return typeof value === 'number' && Number.isInteger(value)
}

/** Go's error for the first field of `value` whose JSON type does not fit, if any. */
export function misfit(
  value: Record<string, unknown>,
  fields: Record<string, FieldKind>,
  structName: string
): string | undefined {
  for (const [field, kind] of Object.entries(fields)) {
    if (fits(kind, value[field])) continue
    return `json: cannot unmarshal ${goKind(value[field], kind)} into Go struct field ${structName.split('.').pop()}.${field} of type ${kind}`
  }
  return undefined
}

/** Decodes `raw` JSON into a struct shape like encoding/json (unknown keys ignored). */
export function decodeStruct(
  raw: string,
  fields: Record<string, FieldKind>,
  structName: string
): Decoded {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { ok: false, error: syntaxError(raw) }
  }
  if (parsed === null) return { ok: true, value: {} }
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    return {
      ok: false,
      error: `json: cannot unmarshal ${goKind(parsed)} into Go value of type ${structName}`
    }
  const value = parsed as Record<string, unknown>
  const error = misfit(value, fields, structName)
  return error === undefined ? { ok: true, value } : { ok: false, error }
}
