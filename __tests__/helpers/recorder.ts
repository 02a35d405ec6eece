// A Logger for tests that keeps what it is told.
import type { Logger } from '../../src/log.js'

/** A Logger that keeps its lines, warnings and errors prefixed; debug lines only with `debug`. */
export function recorder(debug = false): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(`warning: ${m}`),
    error: m => lines.push(`error: ${m}`),
    debug: m => (debug ? lines.push(`debug: ${m}`) : undefined)
  }
  return { log, lines }
}
