// Structured input text to data, with parse errors recorded as problems.
import {
  StructuredError,
  parseStructuredDocument,
  toData
} from '../structured.js'
import type { StructuredDocument } from '../structured.js'
import type { Problems } from './scalars.js'

/**
 * Parses YAML/JSON and returns the document, or records the parser's message
 * (with line and column) as a problem of `name`.
 */
export function parseInput(
  name: string,
  text: string,
  problems: Problems
): { doc: StructuredDocument; data: unknown } | undefined {
  try {
    const doc = parseStructuredDocument(text)
    return { doc, data: toData(doc) }
  } catch (error) {
    const located = error instanceof StructuredError && error.line !== undefined
    problems.push(
      `${name}: expected valid YAML or JSON, got a parse error${located ? ' at ' : ': '}${(error as Error).message}`
    )
    return undefined
  }
}
