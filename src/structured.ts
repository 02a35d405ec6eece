// YAML/JSON parsing for structured inputs (job inputs, parameters, views,
// workflow definitions), with the parser's line and column in every error.
// The parser is loaded on demand: only inputs with YAML/JSON text need it, so
// most starts skip loading and running it (a chunk file of its own, minified by
// scripts/build.mjs).
import type * as Yaml from 'yaml'
import type { Document, Node, YAMLMap } from 'yaml'

let yaml: typeof Yaml | undefined

/** Loads the YAML parser; await it before the first parse. */
export async function loadYaml(): Promise<void> {
  yaml ??= await import('yaml')
}

function parser(): typeof Yaml {
  if (!yaml) throw new Error('the YAML parser is not loaded (see loadYaml)')
  return yaml
}

/** A parse failure; `line`/`column` (1-based) come from the YAML parser. */
export class StructuredError extends Error {
  readonly line?: number
  readonly column?: number

  constructor(reason: string, line?: number, column?: number) {
    const where = line === undefined ? '' : `line ${line}, column ${column}: `
    super(`${where}${reason}`)
    this.name = 'StructuredError'
    this.line = line
    this.column = column
  }
}

/** A parsed document whose nodes can still be inspected (scalar source text). */
export type StructuredDocument = Document.Parsed

// Anchors and aliases are legal YAML but a handful is plenty for an input;
// the cap stops "billion laughs" expansion.
const MAX_ALIASES = 50

/**
 * Parses YAML 1.2 (JSON is a subset) with the core schema, so `on`, `yes` and
 * `no` stay strings. Throws a `StructuredError` with the position of the first
 * error; several documents in one input are an error.
 */
export function parseStructuredDocument(text: string): StructuredDocument {
  const { LineCounter, parseDocument } = parser()
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    schema: 'core',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true
  })
  const [first] = doc.errors
  if (first) {
    const pos = lineCounter.linePos(first.pos[0])
    throw new StructuredError(first.message, pos.line, pos.col)
  }
  return doc
}

/** Parses like `parseStructuredDocument` and returns plain JavaScript data. */
export function parseStructured(text: string): unknown {
  return toData(parseStructuredDocument(text))
}

/** Converts a parsed document to plain data; alias problems become errors. */
export function toData(doc: StructuredDocument): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown
  } catch (error) {
    throw new StructuredError((error as Error).message)
  }
}

/**
 * The text of a scalar node as the user wrote it where that matters: numbers
 * keep their spelling (`1.10` stays "1.10", `007` stays "007"), null becomes
 * "" and booleans "true"/"false". Returns undefined for lists and mappings.
 */
export function scalarText(
  node: unknown,
  doc: StructuredDocument
): string | undefined {
  const { isAlias, isScalar } = parser()
  const target = isAlias(node) ? node.resolve(doc) : (node as Node | null)
  if (target === null) return ''
  if (!isScalar(target)) return undefined
  const value: unknown = target.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' && typeof target.source === 'string') {
    return target.source
  }
  return String(value)
}

/** True for a YAML mapping node (a parsed document's `contents`). */
export function isMapNode(node: unknown): node is YAMLMap {
  return parser().isMap(node)
}

/** True for a plain mapping (not a list, not null): the one record test. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The mappings of a list; nothing when `value` is not a list. */
export function mappings(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isMapping) : []
}

/** The value at `path` through nested mappings; undefined where one is missing. */
export function field(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (isMapping(at) ? at[key] : undefined),
    value
  )
}

/** Names the kind of a parsed value for messages: "a list", "a number" ... */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the text ${quote(value)}`
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`
}

/**
 * Quotes a value for a message: JSON escaping keeps it on one line (so it cannot
 * start a workflow command). A user's long value is cut at 60 characters; `whole`
 * keeps names that the reader must be able to copy (job, branch, repository).
 */
export function quote(
  value: string,
  options: { whole?: boolean } = {}
): string {
  const max = options.whole ? Number.POSITIVE_INFINITY : 60
  const cut = value.length > max ? `${value.slice(0, max)}…` : value
  return JSON.stringify(cut)
}
