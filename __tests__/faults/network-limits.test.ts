// Limits against a hostile or broken server (issue 13, classes 3, 9, 10): answers too
// large to hold, a Retry-After of days, a redirect of the trigger. In-process with the
// action's clock tied to the simulator's, so waits pass in virtual time.
import { visibleLog } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const TRIGGER = '/openapi/workflows/custom/task'
const DETAIL = '/openapi/workflows/custom/build-deploy/detail'
// Polls of the new task (the catalog seeds tasks 1..10).
const POLL = { method: 'GET', path: TRIGGER, query: { taskId: '11' } }
const act = (inputs: Record<string, string> = {}) =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    ...inputs
  })
const triggers = () =>
  sim.requests.filter(r => r.method === 'POST' && r.path === TRIGGER)

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
})

afterEach(async () => {
  await sim.close()
})

describe('answers too large to hold', () => {
  it('refuses a gzip answer that unpacks to 1 GiB, without the memory it would take', async () => {
    sim.faults.add({ method: 'GET', path: DETAIL, kind: 'gzip-bomb' })
    const before = process.memoryUsage().rss
    const run = await act()
    const grown = process.memoryUsage().rss - before
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(
      /GET \/openapi\/workflows\/custom\/build-deploy\/detail failed: HTTP 200, but ZadigX sent an answer larger than 16 MiB once unpacked \(gzip\)/
    )
    expect(grown).toBeLessThan(256 * 1024 * 1024)
    expect(triggers()).toHaveLength(0)
    expect(run.outputs.result).toBe('failure')
  })

  it.each([
    ['with a Content-Length', false],
    ['sent chunked', true]
  ])(
    'polls through a 32 MiB answer %s, warns, and reports the task that passed',
    async (_how, chunked) => {
      sim.faults.add({ ...POLL, kind: 'huge-body', chunked, after: 1 })
      const run = await act()
      const log = visibleLog(run.stdout)
      expect(log).toMatch(/ZadigX did not answer \(.*larger than 16 MiB/)
      expect(sim.faults.counts['huge-body']).toBe(1)
      expect(run.outputs.result).toBe('success')
      expect(run.exitCode).toBe(0)
    }
  )

  it('looks for the task, never resending, when the trigger answer is too large to read', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'gzip-bomb' })
    const run = await act()
    expect(triggers()).toHaveLength(1)
    // gzip-bomb answers in place of the route: no task, and the action says so.
    expect(sim.tasks('build-deploy')).toHaveLength(before)
    const log = visibleLog(run.stdout)
    expect(log).toMatch(/answer to the trigger was lost .*larger than 16 MiB/)
    expect(log).toMatch(
      /The task this trigger may have started in build-deploy was not found after 20 s; check the task list before re-running/
    )
    expect(run.exitCode).toBe(1)
  })
})

describe('Retry-After', () => {
  it('waits at most a minute for a Retry-After of days while polling, and reports the task that passed', async () => {
    sim.faults.add({
      ...POLL,
      kind: 'rate-limit',
      retryAfterSec: 10 ** 12,
      after: 1
    })
    const run = await act({ timeout: '30m', 'poll-strategy': 'fixed' })
    expect(run.outputs.result).toBe('success')
    expect(run.exitCode).toBe(0)
    // One minute, after the 20 s the simulator adds to the failed poll.
    expect(visibleLog(run.stdout)).toMatch(/unreachable for 1m20s/)
  })

  it('gives up at once on a read asked to wait a day, and says why', async () => {
    sim.faults.add({
      method: 'GET',
      path: DETAIL,
      kind: 'rate-limit',
      retryAfterSec: 86_400,
      times: Infinity
    })
    const started = sim.clock.now()
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(
      /HTTP 429, not an answer of the ZadigX API \(received text\/html page titled "429 Too Many Requests"\): a gateway in front of ZadigX limits the request rate; ZadigX asked to wait 24h before trying again \(Retry-After\), and the action waits at most 1m/
    )
    expect(sim.clock.now() - started).toBeLessThan(60_000)
    expect(sim.faults.counts['rate-limit']).toBeLessThanOrEqual(2)
    expect(triggers()).toHaveLength(0)
  })
})

describe('a redirected trigger', () => {
  it.each([307, 308])(
    'does not send the trigger again on a same-origin %d, and says no task was seen',
    async status => {
      const before = sim.tasks('build-deploy').length
      sim.faults.add({
        method: 'POST',
        path: TRIGGER,
        kind: 'redirect',
        status
      })
      const run = await act()
      expect(triggers()).toHaveLength(1)
      expect(sim.tasks('build-deploy')).toHaveLength(before)
      const log = visibleLog(run.stdout)
      expect(log).toMatch(
        new RegExp(
          `HTTP ${status}, redirected to http://127\\.0\\.0\\.1:\\d+/openapi/workflows/custom/task; not followed: a POST is sent only once`
        )
      )
      expect(log).toMatch(
        /The task this trigger may have started in build-deploy was not found after 20 s; check the task list before re-running/
      )
      expect(run.exitCode).toBe(1)
      expect(run.outputs.result).toBe('failure')
    }
  )

  it('finds and follows the task when the redirect came after the trigger ran', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({
      method: 'POST',
      path: TRIGGER,
      kind: 'redirect',
      status: 307,
      acted: true
    })
    const run = await act()
    expect(triggers()).toHaveLength(1)
    expect(sim.tasks('build-deploy')).toHaveLength(before + 1)
    expect(run.outputs['task-id']).toBe(
      String(sim.tasks('build-deploy').at(-1)?.task_id)
    )
    expect(run.outputs.result).toBe('success')
  })
})
