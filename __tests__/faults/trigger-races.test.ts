// Triggers whose fate is unknown: two jobs with one token racing on one workflow, answers
// that say nothing about the task (issue #13 classes 5, 7 and 11). The action's clock is
// the simulator's, so the recovery window passes in virtual time.
import type { Socket } from 'node:net'
import { inputVariables, visibleLog } from '../../scripts/local-runner.js'
import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import { run } from '../../src/main.js'
import type { TrackedTask } from '../../src/operations/context.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'
import { PRODUCT_INPUT } from '../helpers/product-input.js'

const TRIGGER = '/openapi/workflows/custom/task'
let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
})

afterEach(async () => {
  await sim.close()
})

const triggers = () =>
  sim.requests.filter(r => r.method === 'POST' && r.path === TRIGGER)

// Both triggers reach ZadigX, which creates both tasks once both have arrived (after
// both jobs read their baseline); then both answers are lost, so each job looks for its
// task while the other's is there too.
function loseBothAnswers(): void {
  const held: { create: () => unknown; socket?: Socket }[] = []
  sim.use(ctx => {
    if (ctx.request.method !== 'POST' || ctx.request.path !== TRIGGER)
      return undefined
    held.push({ create: ctx.next, socket: ctx.res.socket ?? undefined })
    if (held.length === 2)
      for (const h of held) {
        h.create()
        h.socket?.destroy()
      }
    return 'handled'
  })
}

const buildMode = (mode: string) =>
  `build: {service_list: [{service_name: svc-a, service_module: svc-a, inputs: [{key: BUILD_MODE, value: ${mode}}]}]}`

interface Job {
  log: string
  tracked: TrackedTask[]
}

// One job of the race: run() in this process with its own inputs, log and post-step record.
async function job(inputs: Record<string, string>): Promise<Job> {
  const result: Job = { log: '', tracked: [] }
  const log: Logger = {
    info: m => (result.log += `${m}\n`),
    warning: m => (result.log += `::warning::${m}\n`),
    error: m => (result.log += `::error::${m}\n`),
    debug: () => undefined
  }
  const clock: Clock = {
    now: () => sim.clock.now(),
    sleep: async ms => sim.clock.advance(ms)
  }
  const env = inputVariables({
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    summary: 'false',
    ...inputs
  })
  await run({ env, clock, log, track: t => result.tracked.push(t) })
  return result
}

// The task a job ended up following (its last post-step record with an id).
const adopted = (j: Job): number | undefined =>
  j.tracked.findLast(t => t.taskId !== undefined)?.taskId

// BUILD_MODE as task `id` ran it (the build job task's variables).
function modeOf(id: number | undefined): string | undefined {
  const task = sim.tasks('build-deploy').find(t => t.task_id === id)
  const spec = task?.stages?.[0]?.jobs?.[0]?.spec as
    { envs?: { key: string; value: string }[] } | undefined
  return spec?.envs?.find(e => e.key === 'BUILD_MODE')?.value
}

// What @actions/core wrote (the failures: core.setFailed), both jobs together.
let written = ''
const write = process.stdout.write.bind(process.stdout)
beforeEach(() => {
  written = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += String(chunk)
    return true
  }) as typeof process.stdout.write
})
afterEach(() => {
  process.stdout.write = write
  process.exitCode = undefined
})

describe('two jobs, one token, both answers lost', () => {
  it('each job adopts the task that carries its own inputs', async () => {
    loseBothAnswers()
    const before = sim.tasks('build-deploy').length
    const [a, b] = await Promise.all([
      job({ inputs: buildMode('alpha') }),
      job({ inputs: buildMode('beta') })
    ])
    expect(triggers()).toHaveLength(2)
    expect(sim.tasks('build-deploy')).toHaveLength(before + 2)
    expect(adopted(a)).toBeDefined()
    expect(adopted(b)).toBeDefined()
    expect(adopted(a)).not.toBe(adopted(b))
    expect(modeOf(adopted(a))).toBe('alpha')
    expect(modeOf(adopted(b))).toBe('beta')
    expect(a.log).toMatch(/answer to the trigger was lost/)
  })

  it('refuses, and says why, when both sent the same inputs', async () => {
    loseBothAnswers()
    const [a, b] = await Promise.all([
      job({ inputs: buildMode('same') }),
      job({ inputs: buildMode('same') })
    ])
    expect(adopted(a)).toBeUndefined()
    expect(adopted(b)).toBeUndefined()
    const failures = visibleLog(written)
    const refusal =
      /Tasks #\d+, #\d+ appeared since the trigger was sent by admin, and each carries the values this step sent: the action cannot tell which one is its own/g
    expect(failures.match(refusal)).toHaveLength(2)
    // Nothing is left for a post step to cancel: neither job knows its task.
    expect(a.tracked.at(-1)).toMatchObject({ done: true })
    expect(b.tracked.at(-1)).toMatchObject({ done: true })
  })

  it('does not adopt a task that carries other values than it sent', async () => {
    // Only the other job's trigger got through; this one's answer was lost.
    sim.use(ctx => {
      if (ctx.request.method !== 'POST' || ctx.request.path !== TRIGGER)
        return undefined
      if (!ctx.request.rawBody.includes('beta')) return undefined
      ctx.next()
      ctx.res.socket?.destroy()
      return 'handled'
    })
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'reset' })
    const [mine, theirs] = await Promise.all([
      job({ inputs: buildMode('alpha') }),
      job({ inputs: buildMode('beta') })
    ])
    expect(adopted(mine)).toBeUndefined()
    expect(modeOf(adopted(theirs))).toBe('beta')
    const failures = visibleLog(written)
    expect(failures).toMatch(
      /carry other values than this step sent: another run's, not adopted/
    )
  })
})

const act = (inputs: Record<string, string> = {}) =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    ...inputs
  })

describe('answers that do not say whether a task was started', () => {
  const shapes = {
    'a 502 whose JSON has a code': {
      status: 502,
      body: '{"code":502,"message":"upstream failed"}',
      contentType: 'application/json'
    },
    'a 500 with a ZadigX-looking code': {
      status: 500,
      body: '{"type":"error","code":6160,"message":"queue"}',
      contentType: 'application/json'
    },
    'an empty 200': { status: 200, body: '', contentType: 'application/json' },
    'a 200 {}': { status: 200, body: '{}', contentType: 'application/json' }
  }

  it.each(Object.entries(shapes))(
    'finds and follows the task after %s',
    async (_, shape) => {
      const before = sim.tasks('build-deploy').length
      sim.faults.add({
        method: 'POST',
        path: TRIGGER,
        kind: 'status',
        create: true,
        ...shape
      })
      const run = await act()
      expect(triggers()).toHaveLength(1)
      expect(sim.tasks('build-deploy')).toHaveLength(before + 1)
      const created = sim.tasks('build-deploy').at(-1)?.task_id
      expect(run.outputs['task-id']).toBe(String(created))
      expect(run.outputs.result).toBe('success')
      expect(visibleLog(run.stdout)).toMatch(/answer to the trigger was lost/)
    }
  )

  it('says what is known when the task appears only after the recovery window', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({
      method: 'POST',
      path: TRIGGER,
      kind: 'create-late',
      afterSec: 120
    })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(run.outputs.result).toBe('failure')
    const log = visibleLog(run.stdout)
    expect(log).toMatch(
      /was not found after 20 s; check the task list before re-running/
    )
    expect(log).not.toMatch(/safe to run|not created/i)
    // And the hedge was right: the task shows up later.
    sim.clock.advance(120_000)
    await fetch(`${sim.url}/openapi/workflows/custom/build-deploy/tasks`, {
      headers: { Authorization: `Bearer ${sim.token}` }
    }).then(r => r.text())
    expect(sim.tasks('build-deploy')).toHaveLength(before + 1)
  })
})

describe('a product workflow', () => {
  const PRODUCT_TRIGGER = '/openapi/workflows/product/task'
  const product = {
    'workflow-type': 'product',
    workflow: 'legacy-deploy',
    inputs: PRODUCT_INPUT
  }

  it('finds and follows its task after a lost answer, never resending', async () => {
    const before = sim.productTasks('legacy-deploy').length
    sim.faults.add({
      method: 'POST',
      path: PRODUCT_TRIGGER,
      kind: 'lost-response'
    })
    const run = await act(product)
    const posts = sim.requests.filter(
      r => r.method === 'POST' && r.path === PRODUCT_TRIGGER
    )
    expect(posts).toHaveLength(1)
    expect(sim.productTasks('legacy-deploy')).toHaveLength(before + 1)
    expect(run.outputs.result).toBe('success')
    expect(visibleLog(run.stdout)).toMatch(/answer to the trigger was lost/)
  })

  it('refuses when two new tasks by the same user appeared', async () => {
    // Another job's identical trigger lands at the same moment; this one's answer is lost.
    sim.use(ctx => {
      if (ctx.request.method !== 'POST' || ctx.request.path !== PRODUCT_TRIGGER)
        return undefined
      ctx.next()
      ctx.next()
      ctx.res.socket?.destroy()
      return 'handled'
    })
    const run = await act(product)
    expect(run.exitCode).toBe(1)
    expect(run.outputs['task-id']).toBe('')
    expect(visibleLog(run.stdout)).toMatch(
      /Tasks #\d+, #\d+ appeared since the trigger was sent by admin, and the task list shows nothing else that tells them apart: the action cannot tell which one is its own/
    )
  })
})
