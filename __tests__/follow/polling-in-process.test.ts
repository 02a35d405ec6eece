// Adaptive polling end to end: run() in this process against the simulator, the
// action's clock tied to the simulator's virtual clock. Counts requests and virtual
// latency (task end to the action's return); nothing waits for real.
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  defaultCatalog,
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

afterEach(async () => {
  await sim?.close()
})

interface Measured {
  run: BundleRun
  requests: number
  latencyMs: number
}

async function measure(
  workflow: string,
  inputs: Record<string, string> = {},
  result = 'success'
): Promise<Measured> {
  const before = sim.requests.length
  const run = await runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow,
    timeout: '2h',
    ...inputs
  })
  const task = sim.tasks(workflow).at(-1)
  expect(run.outputs.result).toBe(result)
  return {
    run,
    requests: sim.requests.length - before,
    latencyMs: sim.clock.now() - (task?.end_time ?? 0) * 1000
  }
}

/** build-deploy taking 5 min + 5 min (+ `extraSec` in deploy). */
async function tenMinutes(
  extraSec: number,
  options: SimulatorOptions = {}
): Promise<void> {
  sim = await startSimulator(options)
  const [build, deploy] = sim.workflow('build-deploy').stages
  if (build?.jobs[0]) build.jobs[0].script.durationSec = 300
  if (deploy?.jobs[0]) deploy.jobs[0].script.durationSec = 300 + extraSec
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN

describe('adaptive polling against the seeded history (10 runs of 8-12 min)', () => {
  it('detects a 10-minute task within 60 requests, about 2.5 s after it ends', async () => {
    const latencies: number[] = []
    for (const extra of [0, 1, 2, 3, 4]) {
      await tenMinutes(extra)
      const m = await measure('build-deploy')
      expect(m.requests).toBeLessThanOrEqual(60)
      // Never more than one poll-interval late.
      expect(m.latencyMs).toBeLessThanOrEqual(5000)
      latencies.push(m.latencyMs)
      await sim.close()
    }
    expect(median(latencies)).toBeLessThanOrEqual(3000)
  })

  it('logs the history and, at each stage, the stage, the time so far and the time left', async () => {
    await tenMinutes(0)
    const { run } = await measure('build-deploy')
    expect(run.stdout).toContain(
      '⏱ the last 10 runs took 8m00s to 12m00s (typically 10m00s)'
    )
    expect(run.stdout).toMatch(
      /▶ stage 1 of 2 \(build\) started · \ds elapsed · about 10 min left, from the last 10 runs/
    )
    expect(run.stdout).toMatch(
      /▶ stage 2 of 2 \(deploy\) started · [56]m\d\ds elapsed · about [45] min left, from the last 10 runs/
    )
  })

  it('sends less than half the requests of fixed 5 s polling', async () => {
    await tenMinutes(0)
    const adaptive = await measure('build-deploy')
    const fixed = await measure('build-deploy', { 'poll-strategy': 'fixed' })
    expect(fixed.requests).toBeGreaterThan(110)
    expect(adaptive.requests * 2).toBeLessThan(fixed.requests)
    // Fixed polling reads no history.
    expect(fixed.run.stdout).not.toContain('⏱')
  })

  it('keeps the approval wait out of the estimate (approval job decided after 2 min)', async () => {
    sim = await startSimulator({ version: 'current' })
    for (const stage of sim.workflow('release-gate-v3').stages)
      for (const job of stage.jobs)
        if (job.type !== 'approval') job.script.durationSec = 200
    const m = await measure('release-gate-v3')
    expect(m.requests).toBeLessThanOrEqual(60)
    expect(m.latencyMs).toBeLessThanOrEqual(5000)
    expect(m.run.stdout).toMatch(
      /▶ stage 4 of 4 \(release\) started · \d+m\d\ds elapsed · about 3 min left, from the last 10 runs/
    )
  })
})

describe('adaptive polling without history', () => {
  it('backs off gently on a new workflow and still notices the end within 30 s', async () => {
    const workflows = defaultCatalog().map(w => ({ ...w, history: [] }))
    await tenMinutes(0, { workflows })
    const m = await measure('build-deploy')
    expect(m.requests).toBeLessThanOrEqual(60)
    expect(m.latencyMs).toBeLessThanOrEqual(30_000)
    expect(m.run.stdout).not.toContain('⏱')
  })

  it('backs off when the history cannot be read', async () => {
    await tenMinutes(0)
    sim.use(ctx =>
      ctx.request.path.endsWith('/tasks')
        ? { status: 403, body: { code: 6135, description: 'forbidden' } }
        : undefined
    )
    const m = await measure('build-deploy')
    expect(m.latencyMs).toBeLessThanOrEqual(30_000)
    expect(m.run.stdout).toMatch(/::debug::No run history for adaptive polling/)
  })
})

describe('operation: wait', () => {
  it('reads one page of recent tasks itself and polls adaptively', async () => {
    await tenMinutes(0)
    const started = await measure('build-deploy', { wait: 'false' }, 'running')
    const taskId = started.run.outputs['task-id'] ?? ''
    const before = sim.requests.length
    const m = await measure('build-deploy', {
      operation: 'wait',
      'task-id': taskId
    })
    const lists = sim.requests
      .slice(before)
      .filter(r => r.path === '/openapi/workflows/custom/build-deploy/tasks')
    expect(lists.map(r => r.query.pageSize)).toEqual(['20'])
    expect(m.run.stdout).toContain('⏱ the last 10 runs took')
    expect(m.requests).toBeLessThanOrEqual(60)
  })
})
