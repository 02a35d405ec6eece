// End-to-end: a cancelled GitHub job does not leave its ZadigX task running.
import type { ChildProcess } from 'node:child_process'
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

// The runner hands what the main step saved to the post step as STATE_*
// variables and runs action.yml's runs.post entry, dist/post.js.
const postEnv = (state: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(state).map(([name, value]) => [`STATE_${name}`, value])
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

describe('cancel while the trigger is in flight', () => {
  const TRIGGER = '/openapi/workflows/custom/task'
  const triggers = () =>
    sim.requests.filter(r => r.method === 'POST' && r.path === TRIGGER)
  const newest = () => sim.tasks('build-deploy').at(-1)

  // Sends SIGINT (or `signal`) once `ready()` holds, checked as requests arrive.
  function killWhen(
    ready: () => boolean,
    signal: NodeJS.Signals = 'SIGINT'
  ): {
    onStdout: (chunk: string, child: ChildProcess) => void
    sentAt: () => number
  } {
    let sentAt = 0
    let watching = false
    return {
      sentAt: () => sentAt,
      onStdout: (_chunk, child) => {
        if (watching) return
        watching = true
        const timer = setInterval(() => {
          if (sentAt || child.exitCode !== null) return clearInterval(timer)
          if (!ready()) return
          sentAt = Date.now()
          child.kill(signal)
          clearInterval(timer)
        }, 5)
      }
    }
  }

  it('cancels the task a trigger started while its POST was unanswered', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'hang-after-create' })
    const kill = killWhen(() => triggers().length === 1)
    const run = await runBundle(base(), {}, { onStdout: kill.onStdout })
    expect(kill.sentAt()).toBeGreaterThan(0)
    expect(Date.now() - kill.sentAt()).toBeLessThan(10_000)
    expect(triggers()).toHaveLength(1)
    expect(sim.tasks('build-deploy')).toHaveLength(before + 1)
    expect(newest()?.status).toBe('cancelled')
    expect(cancels()).toHaveLength(1)
    expect(run.outputs.result).toBe('cancelled')
    expect(run.outputs['task-id']).toBe(String(newest()?.task_id))
    expect(run.stdout).toMatch(
      /cancelled while the trigger was being sent; task #\d+ it started was cancelled in ZadigX/
    )
    expect(JSON.parse(run.state['zadigx-task'] ?? '{}')).toMatchObject({
      taskId: newest()?.task_id,
      done: true
    })
  })

  it('cancels the task while looking for it after a lost answer', async () => {
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'lost-response' })
    // The baseline read passes; the first look after the lost answer hangs.
    sim.faults.add({
      method: 'GET',
      path: '/openapi/workflows/custom/build-deploy/tasks',
      kind: 'stall',
      after: 1
    })
    const kill = killWhen(() => sim.requests.some(r => r.fault === 'stall'))
    const run = await runBundle(base(), {}, { onStdout: kill.onStdout })
    expect(kill.sentAt()).toBeGreaterThan(0)
    expect(Date.now() - kill.sentAt()).toBeLessThan(10_000)
    expect(triggers()).toHaveLength(1)
    expect(newest()?.status).toBe('cancelled')
    expect(cancels()).toHaveLength(1)
    expect(run.outputs.result).toBe('cancelled')
    expect(run.stdout).toMatch(
      /cancelled while the action was looking for the task its trigger started; task #\d+ it started was cancelled/
    )
  })

  it('leaves the post step what it needs when the main step is killed mid-trigger', async () => {
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'hang-after-create' })
    // The runner's last resort: the process gets no chance to cancel anything.
    const kill = killWhen(() => triggers().length === 1, 'SIGKILL')
    const main = await runBundle(base(), {}, { onStdout: kill.onStdout })
    expect(main.exitCode).not.toBe(0)
    const saved = JSON.parse(main.state['zadigx-task'] ?? '{}') as {
      taskId?: number
      done?: boolean
      trigger?: { sent?: { digest: string }[] }
    }
    expect(saved).toMatchObject({ done: false })
    expect(saved.taskId).toBeUndefined()
    // Digests only: no value the step sent is in the saved state.
    expect(saved.trigger?.sent?.length).toBeGreaterThan(0)
    expect(main.state['zadigx-task']).not.toMatch(/release/)
    expect(newest()?.status).not.toBe('cancelled')
    const post = await runBundle(base(), postEnv(main.state), {
      entry: 'dist/post.js'
    })
    expect(post.exitCode).toBe(0)
    expect(triggers()).toHaveLength(1)
    expect(cancels()).toHaveLength(1)
    expect(newest()?.status).toBe('cancelled')
    expect(post.stdout).toMatch(
      new RegExp(`Cancelled task #${newest()?.task_id}`)
    )
  })
})

describe('post step', () => {
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
