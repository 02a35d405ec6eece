// run-test end to end over HTTP: start a test task once, follow it, report its totals
// (docs/zadigx-api.md#test-tasks), on the oldest and the newest server.
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import type { ServerVersion } from '../../simulator/profiles.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const START = '/openapi/quality/testing/task'

function run(inputs: Record<string, string>): Promise<BundleRun> {
  return runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    operation: 'run-test',
    'poll-interval': '10ms',
    timeout: '1h',
    ...inputs
  })
}

const sent = (method: string, path: string) =>
  sim.requests.filter(r => r.method === method && r.path === path)

const data = (made: BundleRun) =>
  JSON.parse(made.outputs.data ?? '{}') as Record<string, unknown>

afterEach(async () => {
  await sim.close()
})

describe.each<ServerVersion>(['v1.18', 'v5.0'])('run-test on %s', version => {
  beforeEach(async () => {
    sim = await startSimulator({ version })
  })

  it('runs a test to passed and shows its totals and page', async () => {
    const made = await run({ test: 'unit' })
    expect(made.exitCode).toBe(0)
    expect(made.outputs).toMatchObject({
      result: 'success',
      status: 'passed',
      'task-id': '1',
      'task-url': `${sim.url}/v1/projects/detail/demo/test/detail/function/unit/1`
    })
    expect(data(made)).toMatchObject({
      test: 'unit',
      task_id: 1,
      status: 'passed',
      totals: { total: 12, passed: 10, failed: 0, skipped: 2, errors: 0 }
    })
    expect(made.summary).toContain('| Passed | 10 |')
    expect(made.summary).toContain('| Skipped | 2 |')
    expect(made.summary).toContain(
      `(${sim.url}/v1/projects/detail/demo/test/detail/function/unit/1)`
    )
    expect(sent('POST', START).map(r => r.body)).toEqual([
      { project_key: 'demo', test_name: 'unit' }
    ])
  })

  it('fails the step when the test task fails, saying there are no totals', async () => {
    const made = await run({ test: 'broken' })
    expect(made.exitCode).toBe(1)
    expect(made.outputs).toMatchObject({ result: 'failure', status: 'failed' })
    expect(data(made)).not.toHaveProperty('totals')
    expect(made.summary).toContain('totals of a passed test task only')
  })

  it('fails the step when a passed task reports failed cases', async () => {
    const made = await run({ test: 'leaky' })
    expect(made.exitCode).toBe(1)
    expect(made.outputs.result).toBe('failure')
    expect(made.summary).toContain('| Failed | 2 |')
    expect(made.summary).toContain('2 case(s) failed')
  })

  it('with wait: false starts the task and passes', async () => {
    const made = await run({ test: 'unit', wait: 'false' })
    expect(made.exitCode).toBe(0)
    expect(made.outputs).toMatchObject({ result: 'running', 'task-id': '1' })
  })

  it('reports an unknown test with the server text', async () => {
    const made = await run({ test: 'missing' })
    expect(made.exitCode).toBe(1)
    expect(made.outputs.result).toBe('failure')
    expect(made.stdout + made.stderr).toContain('find test[missing] error')
  })
})

describe('run-test inputs and lost answers', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('refuses a missing or malformed test before any request', async () => {
    for (const test of ['', 'two words']) {
      const made = await run({ test })
      expect(made.exitCode).toBe(1)
      expect(made.stdout + made.stderr).toMatch(/test/)
    }
    expect(sent('POST', START)).toHaveLength(0)
  })

  it('never sends the start again when its answer is lost', async () => {
    sim.faults.add({ method: 'POST', path: START, kind: 'lost-response' })
    const made = await run({ test: 'unit' })
    expect(made.exitCode).toBe(1)
    expect(made.outputs.result).toBe('failure')
    expect(made.stdout + made.stderr).toContain('It is not sent again')
    expect(sent('POST', START)).toHaveLength(1)
    expect(sim.quality.tasks).toHaveLength(1)
  })
})
