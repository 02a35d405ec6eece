// The status logger: one line per change of status, server text made inert.
import { logStatusChanges } from '../../src/follow/observers.js'
import type { Logger } from '../../src/log.js'

function logger(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log = {
    info: (line: string) => lines.push(line),
    debug: () => undefined,
    warning: () => undefined,
    error: () => undefined
  } as unknown as Logger
  return { log, lines }
}

describe('logStatusChanges', () => {
  it('logs each change once, an empty status as the blank text after a change', () => {
    const { log, lines } = logger()
    const o = logStatusChanges<string>(log, 'scan task #3', s => s, 'queued')
    for (const s of ['', 'running', 'running', '', 'passed']) o.saw?.(s)
    expect(lines).toEqual([
      'scan task #3: running',
      'scan task #3: queued',
      'scan task #3: passed'
    ])
  })

  it('makes a status that carries a workflow command inert', () => {
    const { log, lines } = logger()
    logStatusChanges<string>(log, 'release v1', s => s).saw?.('::error::x')
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('::error::')
  })
})
