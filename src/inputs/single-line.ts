// One-line inputs hold no line breaks or other control characters: a value such as
// "build\n::warning::…" would be a workflow command once logged, and no key, name
// or setting of ZadigX or GitHub holds one.
// The one definition of a control character, shared with the server text written out.
import { hasControlCharacters } from '../server-text.js'
import { quote } from '../structured.js'
import type { Problems } from './scalars.js'

// Inputs whose value may span lines: YAML or JSON text, PEM text, free prose.
const MULTI_LINE = new Set([
  'inputs',
  'parameters',
  'view-workflows',
  'definition',
  'release',
  'registry',
  'ca-cert',
  'comment'
])

// Secrets are never quoted back, even masked.
const SECRET = new Set([
  'token',
  'github-token',
  'registry-access-key',
  'registry-secret-key'
])

/**
 * Adds a problem for each one-line input holding a line break or another control
 * character, and returns their names (their other problems would say the same).
 */
export function checkSingleLine(
  raw: Record<string, string>,
  problems: Problems
): Set<string> {
  const broken = new Set<string>()
  for (const [name, value] of Object.entries(raw)) {
    if (MULTI_LINE.has(name) || !hasControlCharacters(value)) continue
    broken.add(name)
    const what = /[\r\n\u2028\u2029]/.test(value)
      ? 'a line break'
      : 'a control character'
    const shown = SECRET.has(name) ? '' : ` (${quote(value)})`
    problems.push(
      `${name}: expected a single line without control characters, got a value with ${what}${shown}`
    )
  }
  return broken
}

/** `problems` without those of the inputs in `refused` (one problem per input). */
export function exceptInputs(
  problems: Problems,
  refused: Set<string>
): Problems {
  return problems.filter(problem => {
    const name = /^([a-z-]+):/.exec(problem)?.[1]
    return name === undefined || !refused.has(name)
  })
}
