// get-stats end to end over HTTP: the figures of a project over a period, as `data`
// and as a summary table and chart, on every server version and from a hostile server.
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { PROFILE_NAMES } from '../../simulator/profiles.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

afterEach(async () => {
  await sim.close()
})

const STATS = '/openapi/statistics'
const JAN_START = Date.UTC(2026, 0, 1) / 1000
const JAN_END = Date.UTC(2026, 1, 1) / 1000 - 1

function stats(inputs: Record<string, string> = {}) {
  return runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    operation: 'get-stats',
    project: 'demo',
    since: '2026-01-01',
    until: '2026-01-31',
    ...inputs
  })
}

const statsRequests = () => sim.requests.filter(r => r.path.startsWith(STATS))

describe.each(PROFILE_NAMES)('get-stats on %s', version => {
  beforeEach(async () => {
    sim = await startSimulator({ version })
  })

  it('reports the figures of the period as data and as a table and chart', async () => {
    const run = await stats()
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    const data = JSON.parse(run.outputs.data ?? '{}') as Record<string, unknown>
    expect(data).toMatchObject({
      project: 'demo',
      since: '2026-01-01T00:00:00Z',
      until: '2026-01-31T23:59:59Z',
      build: { total: 21, success: 18, failed: 3 },
      // From v3.1 the server's own deploy totals are all-time (13): the rows give 8.
      deploy: { total: 8, success: 7, failed: 1 },
      test: { total: 40, success: 35, cases: 42, average_seconds: 95 },
      release: { total: 3, success: 2, failed: 1 }
    })
    expect(run.summary).toContain('| Builds | 21 | 18 | 3 | 85.7% |')
    expect(run.summary).toContain('| Releases | 3 | 2 | 1 | 66.7% |')
    expect(run.summary).toContain('```mermaid\nxychart-beta')
    expect(run.summary).toContain('  bar [21, 8, 40, 3]')
    expect(run.summary).toContain('  line [18, 7, 35, 2]')
    const sent = statsRequests()
    expect(sent.map(r => r.path).sort()).toEqual([
      `${STATS}/build`,
      `${STATS}/deploy`,
      `${STATS}/test`,
      `${STATS}/v2/release`
    ])
    const release = sent.find(r => r.path.endsWith('/v2/release'))
    expect(release?.query).toEqual({
      startTime: String(JAN_START),
      endTime: String(JAN_END),
      projectKey: 'demo'
    })
    const build = sent.find(r => r.path.endsWith('/build'))
    expect(build?.query).toEqual({
      startDate: String(JAN_START),
      endDate: String(JAN_END),
      projectKey: 'demo'
    })
  })
})

describe('get-stats periods', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('reads a time back from now, by default 30 days', async () => {
    const run = await stats({ since: '', until: '' })
    expect(run.exitCode).toBe(0)
    const now = Math.floor(sim.clock.now() / 1000)
    const build = statsRequests().find(r => r.path.endsWith('/build'))
    expect(build?.query.startDate).toBe(String(now - 30 * 86_400))
    expect(build?.query.endDate).toBe(String(now))
    const week = await stats({ since: '7d', until: '12h' })
    expect(week.exitCode).toBe(0)
    const data = JSON.parse(week.outputs.data ?? '{}') as { since: string }
    expect(Date.parse(data.since) / 1000).toBe(now - 7 * 86_400)
  })

  it.each([
    [{ since: 'last week' }, 'since: expected a date'],
    [{ since: '2026-02-30' }, 'since: expected a real calendar date'],
    [{ since: '400d' }, 'since: expected at most 365d'],
    [{ until: 'soon' }, 'until: expected a date'],
    [
      { since: '2026-02-01', until: '2026-01-01' },
      'expected since before until'
    ],
    [{ since: '2024-01-01', until: '2026-01-01' }, 'expected at most 365 days']
  ])('refuses %p before any request', async (inputs, message) => {
    const run = await stats(inputs)
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout + run.stderr).toContain(message)
    expect(statsRequests()).toEqual([])
  })
})

describe('get-stats from a hostile server', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('refuses a figure that is not a count', async () => {
    sim.stats.answers.build = { total: '12', success: 3, data: [] }
    const run = await stats()
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('build.total')
    expect(run.summary).not.toContain('```mermaid')
  })

  it('refuses numbers too large to be exact', async () => {
    sim.stats.answers.deploy = { total: 2 ** 60, success: 1 }
    const run = await stats()
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('deploy.total')
  })

  it('refuses more successes than runs', async () => {
    sim.stats.answers.release = { total: 1, success_count: 5, daily_stat: [] }
    const run = await stats()
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout + run.stderr).toContain('5 successful release runs of 1')
  })

  it('keeps markdown in server text out of the summary', async () => {
    const date = '**2026**|[x](https://evil.example)<img src=x>@team'
    sim.stats.answers.test = {
      case_count: 1,
      exec_count: 2,
      success_count: 1,
      average_runtime: 3,
      data: [{ date, success_count: 1, failed_count: 1, timeout_count: 0 }]
    }
    const run = await stats()
    expect(run.exitCode).toBe(0)
    const data = JSON.parse(run.outputs.data ?? '{}') as {
      test: { daily: { date: string }[] }
    }
    expect(data.test.daily[0]?.date).toBe(date)
    expect(run.summary).not.toContain('evil.example')
    expect(run.summary).not.toContain('<img')
    expect(run.summary).toContain('| Tests | 2 | 1 | 1 | 50% |')
  })
})
