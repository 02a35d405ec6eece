// An answer about another task (a cache, a proxy, a hostile server) is refused: the
// action acts only on the task it was asked about, and says which one answered.
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const TASK = '/openapi/workflows/custom/task'
const APPROVE = `${TASK}/approve`
const act = (inputs: Record<string, string>, token = sim.token) =>
  runInProcess(sim, {
    url: sim.url,
    token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    ...inputs
  })
// Answers for `taskId` come back as task `answered` (a cache keyed wrongly).
const answerAs = (
  taskId: string,
  answered: unknown,
  times = Infinity,
  after = 0
) =>
  sim.faults.add({
    method: 'GET',
    path: TASK,
    query: { taskId },
    kind: 'rewrite-json',
    set: { task_id: answered },
    times,
    after
  })
const sent = (method: string, path = TASK) =>
  sim.requests.filter(r => r.method === method && r.path === path)

/** Starts task 11 of `workflow` and leaves it running (or waiting at its gate). */
async function started(workflow = 'build-deploy'): Promise<void> {
  const build = sim.workflow(workflow).stages[0]?.jobs[0]
  if (build) build.script = { durationSec: 3600, outcome: 'passed' }
  const run = await act({ workflow, wait: 'false' })
  expect(run.outputs['task-id']).toBe('11')
}

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
})

afterEach(async () => {
  await sim.close()
})

const REFUSED = 'asked for task 11 of build-deploy, ZadigX answered task 10'

it('cancel: a detail of another task is refused and nothing is cancelled', async () => {
  await started()
  answerAs('11', 10)
  const run = await act({ operation: 'cancel', 'task-id': '11' })
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(REFUSED)
  expect(sent('DELETE')).toHaveLength(0)
  expect(sim.tasks('build-deploy').map(t => t.status)).not.toContain(
    'cancelled'
  )
  expect(run.outputs).toMatchObject({ 'task-id': '11', result: 'failure' })
  expect(run.outputs.status).toBe('')
})

it('get-task: reports nothing of the task that answered instead', async () => {
  await started()
  answerAs('11', 10)
  const run = await act({ operation: 'get-task', 'task-id': '11' })
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(REFUSED)
  expect(run.outputs['task-id']).toBe('11')
  expect(run.outputs.status).not.toBe('passed')
})

it('approve: a gate read from another task is not decided', async () => {
  const gate = sim.workflow('release-gate')
  for (const stage of gate.stages)
    if (stage.approval) stage.approval.autoDecide = undefined
  await act({ workflow: 'release-gate', 'on-approval': 'exit' })
  const before = sent('POST', APPROVE).length
  answerAs('11', 9)
  const run = await act(
    { operation: 'approve', workflow: 'release-gate', 'task-id': '11' },
    sim.tokens.alice
  )
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(
    'asked for task 11 of release-gate, ZadigX answered task 9'
  )
  expect(sent('POST', APPROVE)).toHaveLength(before)
})

it('wait: looks past two stale answers, then follows the right task to its end', async () => {
  const build = sim.workflow('build-deploy').stages[0]?.jobs[0]
  if (build) build.script = { durationSec: 60, outcome: 'failed', error: 'x' }
  await act({ wait: 'false' })
  // The first read (the task to follow) is right; two polls come from a stale cache.
  answerAs('11', 10, 2, 1)
  const run = await act({ operation: 'wait', 'task-id': '11' })
  expect(
    run.stdout.match(/ZadigX answered task 10; looking again/g)
  ).toHaveLength(2)
  expect(run.outputs).toMatchObject({ 'task-id': '11', result: 'failure' })
  expect(run.outputs.status).toBe('failed')
})

it('wait: refuses at once when the first read names another task; nothing is cancelled', async () => {
  await started()
  answerAs('11', 10)
  const run = await act({ operation: 'wait', 'task-id': '11' })
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(REFUSED)
  expect(sent('DELETE')).toHaveLength(0)
})

it('wait: a third answer about another task in a row ends the wait and cancels its own task', async () => {
  await started()
  answerAs('11', 10, Infinity, 1)
  const run = await act({ operation: 'wait', 'task-id': '11' })
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(REFUSED)
  expect(run.stdout).toContain('3 answers in a row that the action refuses')
  const cancels = sent('DELETE')
  expect(cancels).toHaveLength(1)
  expect(cancels[0]?.query).toMatchObject({ taskId: '11' })
  expect(sim.tasks('build-deploy').at(-1)?.status).toBe('cancelled')
  expect(sim.tasks('build-deploy').at(-2)?.status).toBe('passed')
})

it('a detail of the same id but another workflow is refused too', async () => {
  await started()
  sim.faults.add({
    method: 'GET',
    path: TASK,
    query: { taskId: '11' },
    kind: 'rewrite-json',
    set: { workflow_key: 'release-gate' },
    times: Infinity
  })
  const run = await act({ operation: 'cancel', 'task-id': '11' })
  expect(run.stdout).toContain(
    'asked for task 11 of build-deploy, ZadigX answered a task of "release-gate"'
  )
  expect(sent('DELETE')).toHaveLength(0)
})
