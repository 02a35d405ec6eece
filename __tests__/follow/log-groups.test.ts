// Job logs in groups: what a reader of the GitHub log sees when jobs run side by side.
import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import {
  createLogGroups,
  MAX_LINE_CHARS,
  MAX_WAIT_MS,
  safeLine
} from '../../src/follow/log-groups.js'

function recorder() {
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(`::warning::${m}`),
    error: m => lines.push(`::error::${m}`),
    debug: m => lines.push(`::debug::${m}`)
  }
  return { lines, log }
}

/** A clock moved by hand: its sleeps resolve once `to()` passes their end. */
function fakeClock() {
  let now = 0
  const sleeps: { until: number; wake: () => void }[] = []
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>(resolve => {
        if (signal?.aborted) return resolve()
        sleeps.push({ until: now + ms, wake: resolve })
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
  }
  /** Moves to `ms`, waking the sleeps that end by then in order. */
  const to = async (ms: number): Promise<void> => {
    for (;;) {
      sleeps.sort((a, b) => a.until - b.until)
      const next = sleeps[0]
      if (!next || next.until > ms) break
      sleeps.shift()
      now = Math.max(now, next.until)
      next.wake()
      await new Promise(setImmediate)
    }
    now = ms
  }
  return { clock, to }
}

const still: Clock = { now: () => 0, sleep: () => new Promise(() => {}) }

/** The groups of a log: title and lines, checking they open and close in turn. */
function groupsOf(lines: string[]): { title: string; lines: string[] }[] {
  const out: { title: string; lines: string[] }[] = []
  let open: { title: string; lines: string[] } | undefined
  for (const line of lines)
    if (line.startsWith('::group::')) {
      expect(open).toBeUndefined()
      open = { title: line.slice('::group::'.length), lines: [] }
    } else if (line === '::endgroup::') {
      expect(open).toBeDefined()
      out.push(open!)
      open = undefined
    } else open?.lines.push(line)
  expect(open).toBeUndefined()
  return out
}

describe('createLogGroups', () => {
  it("prints the group holder's lines at once and the other job's when the holder ends", () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, still)
    groups.line('build', 'b1')
    groups.line('test', 't1')
    groups.line('build', 'b2')
    expect(lines).toEqual(['::group::build', 'b1', 'b2'])
    groups.end('build')
    groups.line('test', 't2')
    groups.end('test')
    expect(lines).toEqual([
      '::group::build',
      'b1',
      'b2',
      '::endgroup::',
      '::group::test',
      't1',
      't2',
      '::endgroup::'
    ])
  })

  it('hands the group over when another job has waited MAX_WAIT_MS, and back as "(continued)"', async () => {
    const { lines, log } = recorder()
    const { clock, to } = fakeClock()
    const groups = createLogGroups(log, clock)
    groups.line('build', 'b1')
    groups.line('test', 't1')
    await to(MAX_WAIT_MS - 1)
    groups.line('build', 'b2')
    expect(lines).toEqual(['::group::build', 'b1', 'b2'])
    // No line comes: the timer hands the group over all the same.
    await to(MAX_WAIT_MS)
    expect(lines.slice(3)).toEqual(['::endgroup::', '::group::test', 't1'])
    groups.line('build', 'b3')
    groups.line('build', 'b4')
    await to(2 * MAX_WAIT_MS)
    groups.close()
    expect(lines.slice(6)).toEqual([
      '::endgroup::',
      '::group::build (continued)',
      'b3',
      'b4',
      '::endgroup::'
    ])
  })

  it(`prints every line of jobs running side by side within ${MAX_WAIT_MS} ms, each group one job's`, async () => {
    const { lines, log } = recorder()
    const { clock, to } = fakeClock()
    // When each line reached the GitHub log.
    const printedAt = new Map<string, number>()
    const timed: Logger = {
      ...log,
      info: m => {
        printedAt.set(m, clock.now())
        log.info(m)
      }
    }
    const groups = createLogGroups(timed, clock)
    const arrived = new Map<string, number>()
    // Three jobs at their own paces (a line every 130, 170 and 1100 ms), with a
    // silence of 5 s in the middle, and the action's own lines now and then.
    const paces: [string, number][] = [
      ['build', 130],
      ['test', 170],
      ['scan', 1100]
    ]
    const events: [number, string][] = []
    for (const [job, every] of paces)
      for (let at = every; at < 12_000; at += every)
        if (at < 4000 || at > 9000) events.push([at, job])
    events.sort((a, b) => a[0] - b[0])
    let n = 0
    for (const [at, job] of events) {
      await to(at)
      const text = `${job} ${++n}`
      arrived.set(text, at)
      groups.line(job, text)
      if (n % 25 === 0) groups.outside.info('▶ a line of the action')
    }
    await to(20_000)
    for (const [job] of paces) groups.end(job)
    groups.close()
    const waits = [...arrived].map(([text, at]) => printedAt.get(text)! - at)
    expect(waits.every(w => w >= 0)).toBe(true)
    expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_WAIT_MS)
    // Some lines did wait: the jobs really ran side by side.
    expect(Math.max(...waits)).toBeGreaterThan(0)
    const found = groupsOf(lines)
    for (const g of found) {
      const job = g.title.replace(/ \(continued\)$/, '')
      expect(g.lines.every(l => l.startsWith(`${job} `))).toBe(true)
    }
    // Each job's lines in the order they came.
    for (const [job] of paces) {
      const sent = [...arrived.keys()].filter(l => l.startsWith(`${job} `))
      const shown = found
        .filter(g => g.title.startsWith(job))
        .flatMap(g => g.lines)
      expect(shown).toEqual(sent)
    }
    expect(found.filter(g => g.title === 'build')).toHaveLength(1)
    expect(found.some(g => g.title === 'build (continued)')).toBe(true)
  })

  it("closes the group before the action's own lines", () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, still)
    groups.line('build', 'b1')
    groups.outside.info('✔ job build passed')
    groups.outside.debug('inside is fine for debug')
    groups.line('build', 'b2')
    groups.end('build')
    expect(lines).toEqual([
      '::group::build',
      'b1',
      '::endgroup::',
      '✔ job build passed',
      '::debug::inside is fine for debug',
      '::group::build (continued)',
      'b2',
      '::endgroup::'
    ])
  })

  it('prints no group for a job that wrote nothing', () => {
    const { lines, log } = recorder()
    const groups = createLogGroups(log, still)
    groups.end('deploy')
    groups.close()
    expect(lines).toEqual([])
  })

  it('neutralises a job name that carries a command', () => {
    const { lines, log } = recorder()
    createLogGroups(log, still).block('x::endgroup::\n::error::y', ['l'])
    expect(lines[0]).toMatch(
      /^::group::x:\u200b:endgroup:\u200b: :\u200b:error/
    )
  })
})

describe('safeLine', () => {
  it('breaks workflow commands anywhere in the line', () => {
    for (const text of [
      '::set-output name=a::b',
      '  ::add-mask::x',
      '##[group]y',
      'a ::stop-commands::t'
    ])
      expect(safeLine(text)).not.toMatch(/::|##\[/)
  })

  it('removes colour codes and control characters, keeps tabs', () => {
    expect(safeLine('\x1b[31mred\x1b[0m\tend\x07\x00')).toBe('red\tend')
  })

  it('cuts very long lines', () => {
    const line = safeLine('x'.repeat(MAX_LINE_CHARS * 2))
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 60)
    expect(line).toMatch(/line cut at 1900 characters\)$/)
  })
})
