// End-to-end: a cancelled GitHub job does not leave its ZadigX task running.
import { runBundle } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 5_000 })
  const job = sim.workflow('build-deploy').stages[0]?.jobs[0]
  if (job) job.script = { durationSec: 86_400, outcome: 'passed' }
})

afterEach(async () => {
  await sim.close()
})

const cancels = () =>
  sim.requests.filter(
    r => r.method === 'DELETE' && r.path === '/openapi/workflows/custom/task'
  )

const base = () => ({
  url: sim.url,
  token: sim.token,
  project: 'demo',
  workflow: 'build-deploy',
  'poll-interval': '50ms'
})

describe('cancel-on-abort', () => {
  it('cancels the task once and exits promptly when the job is cancelled (SIGINT)', async () => {
    let signalledAt = 0
    const run = await runBundle(
      base(),
      {},
      {
        onStdout: (chunk, child) => {
          if (!signalledAt && chunk.includes('job svc-a-svc-a-build running')) {
            signalledAt = Date.now()
            child.kill('SIGINT')
          }
        }
      }
    )
    const elapsed = Date.now() - signalledAt
    expect(signalledAt).toBeGreaterThan(0)
    expect(elapsed).toBeLessThan(10_000)
    const taskId = Number(run.outputs['task-id'])
    expect(cancels()).toHaveLength(1)
    expect(cancels()[0]?.body).toEqual({
      task_id: taskId,
      workflow_key: 'build-deploy'
    })
    expect(
      sim.tasks('build-deploy').find(t => t.task_id === taskId)?.status
    ).toBe('cancelled')
    expect(run.outputs.result).toBe('cancelled')
    expect(run.exitCode).toBe(1)
    expect(JSON.parse(run.state['zadigx-task'] ?? '{}')).toMatchObject({
      taskId,
      done: true
    })
  })

  it('leaves the task running with cancel-on-abort: false', async () => {
    let sent = false
    const run = await runBundle(
      { ...base(), 'cancel-on-abort': 'false' },
      {},
      {
        onStdout: (chunk, child) => {
          if (!sent && chunk.includes('running')) {
            sent = true
            child.kill('SIGTERM')
          }
        }
      }
    )
    expect(cancels()).toHaveLength(0)
    expect(run.stdout).toMatch(/left running/)
  })
})

describe('post step', () => {
  // The runner hands what the main step saved to the post step as STATE_*
  // variables and runs action.yml's runs.post entry, dist/post.js.
  const postEnv = (state: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(state).map(([name, value]) => [`STATE_${name}`, value])
    )

  it('cancels the task the main step could not', async () => {
    const started = await runBundle({ ...base(), wait: 'false' })
    const taskId = Number(started.outputs['task-id'])
    const state = JSON.stringify({
      workflowKey: 'build-deploy',
      taskId,
      done: false
    })
    const post = await runBundle(
      base(),
      postEnv({ ...started.state, 'zadigx-task': state }),
      { entry: 'dist/post.js' }
    )
    expect(post.exitCode).toBe(0)
    expect(cancels()).toHaveLength(1)
    expect(post.stdout).toMatch(new RegExp(`Cancelled task #${taskId}`))
    // The post step triggers nothing and saves no state of its own.
    const triggers = sim.requests.filter(
      r => r.method === 'POST' && r.path === '/openapi/workflows/custom/task'
    )
    expect(triggers).toHaveLength(1)
    expect(post.state).toEqual({})
  })

  it('does nothing when the job was cancelled before the main step saved anything', async () => {
    const post = await runBundle(base(), {}, { entry: 'dist/post.js' })
    expect(post.exitCode).toBe(0)
    expect(sim.requests).toHaveLength(0)
  })

  it('does nothing when the main step was done with the task', async () => {
    const state = JSON.stringify({
      workflowKey: 'build-deploy',
      taskId: 1,
      done: true
    })
    const post = await runBundle(base(), postEnv({ 'zadigx-task': state }), {
      entry: 'dist/post.js'
    })
    expect(post.exitCode).toBe(0)
    expect(sim.requests).toHaveLength(0)
  })
})

describe('cancel-on-timeout', () => {
  it('cancels the task when the timeout is reached', async () => {
    const run = await runBundle({
      ...base(),
      timeout: '300ms',
      'cancel-on-timeout': 'true'
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('timeout')
    expect(cancels()).toHaveLength(1)
    expect(run.stdout).toMatch(/cancel-on-timeout/)
  })
})
