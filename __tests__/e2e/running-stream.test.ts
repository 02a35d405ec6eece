// The end noticed at once: with the running-task stream the action reads the task when
// its entry changes or leaves the list (docs/zadigx-api.md#running-tasks); a stream that
// is refused, cut or never answers leaves one debug line and adaptive polling.
// In process, on the simulator's virtual clock (a stream tick is a virtual second).
import { visibleLog } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const STREAM = '/api/aslan/workflow/sse/workflowTasks/running'
const DETAIL = '/openapi/workflows/custom/task'
let sim: Simulator

/** build-deploy with a 5-minute build and a `deploySec` deploy. */
async function start(version: 'v1.18' | 'current' = 'v1.18', deploySec = 304) {
  sim = await startSimulator({ version })
  const [build, deploy] = sim.workflow('build-deploy').stages
  const set = (
    job: { script: { durationSec: number } } | undefined,
    s: number
  ) => job && (job.script = { ...job.script, durationSec: s })
  set(build?.jobs[0], 300)
  set(deploy?.jobs[0], deploySec)
}

afterEach(async () => {
  await sim.close()
})

const act = () =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    timeout: '1h'
  })

/** Virtual ms from the task's end (its whole-second stamp) to the action's exit. */
function lateness(): number {
  const task = sim.tasks('build-deploy').at(-1)
  return sim.clock.now() - (task?.end_time ?? 0) * 1000
}

const reads = () =>
  sim.requests.filter(
    r => r.method === 'GET' && r.path === DETAIL && r.query.taskId === '11'
  ).length
const streamNotUsed = (stdout: string) =>
  stdout.match(/::debug::Running-task stream not used/g) ?? []

describe.each(['v1.18', 'current'] as const)('on %s', version => {
  it('ends the wait within a second of the task’s end, reading the task a few times', async () => {
    await start(version)
    const run = await act()
    expect(run.outputs.result).toBe('success')
    expect(lateness()).toBeLessThanOrEqual(1500)
    expect(sim.requests.filter(r => r.path === STREAM)).toHaveLength(1)
    // The first look, the stage change, the end, a safety look or two.
    expect(reads()).toBeLessThanOrEqual(6)
    expect(streamNotUsed(run.stdout)).toEqual([])
  })
})

it('reads a failed task as soon as it leaves the list', async () => {
  await start()
  const deploy = sim.workflow('build-deploy').stages[1]?.jobs[0]
  if (deploy) deploy.script = { durationSec: 42, outcome: 'failed' }
  const run = await act()
  expect(run.outputs.result).toBe('failure')
  expect(lateness()).toBeLessThanOrEqual(1500)
})

describe('without a usable stream', () => {
  it.each([
    ['refused by a proxy', { kind: 'status', status: 403 } as const],
    ['missing behind a proxy', { kind: 'status', status: 404 } as const],
    [
      'cut after a few messages',
      { kind: 'cut-stream', afterEvents: 3 } as const
    ],
    ['reset at once', { kind: 'reset' } as const]
  ])(
    '%s: one debug line, then adaptive polling to the end',
    async (_why, fault) => {
      await start()
      sim.faults.add({ path: STREAM, times: Infinity, ...fault })
      const run = await act()
      expect(run.exitCode).toBe(0)
      expect(run.outputs.result).toBe('success')
      expect(streamNotUsed(run.stdout)).toHaveLength(1)
      // Nothing of it outside the debug log: no warning, no notice.
      const shown = visibleLog(run.stdout)
        .split('\n')
        .filter(line => !line.startsWith('::debug::'))
      expect(shown.filter(line => /stream/i.test(line))).toEqual([])
      // Polling near the end the pace places: within a few seconds, not tens.
      expect(lateness()).toBeLessThanOrEqual(5000)
      expect(reads()).toBeGreaterThan(10)
    }
  )
})

it('opens no stream for poll-strategy: fixed', async () => {
  await start()
  const run = await runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-strategy': 'fixed',
    'poll-interval': '10s'
  })
  expect(run.outputs.result).toBe('success')
  expect(sim.requests.some(r => r.path === STREAM)).toBe(false)
})

it('goes on polling when the stream never answers (a buffering proxy)', async () => {
  await start()
  sim.faults.add({ path: STREAM, kind: 'stall', times: Infinity })
  const run = await act()
  expect(run.outputs.result).toBe('success')
  expect(streamNotUsed(run.stdout).length).toBeLessThanOrEqual(1)
  expect(lateness()).toBeLessThanOrEqual(5000)
})
