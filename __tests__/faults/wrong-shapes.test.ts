// Answers of the wrong type or shape (a hostile or broken server): whatever ZadigX sends,
// the step writes its outputs and its summary, fails with a message naming the field,
// and does not leave the task it started running.
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const TASK = '/openapi/workflows/custom/task'
// The new task (the catalog seeds 1..10): its first poll answers as it is.
const POLL = { method: 'GET', path: TASK, query: { taskId: '11' }, after: 1 }
const act = (inputs: Record<string, string> = {}) =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    ...inputs
  })
const lastTask = () => sim.tasks('build-deploy').at(-1)
const cancels = () => sim.requests.filter(r => r.method === 'DELETE')

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
})

// A build long enough to be still running when the action gives up on the answers.
function slowBuild(): void {
  const build = sim.workflow('build-deploy').stages[0]?.jobs[0]
  if (build) build.script = { durationSec: 3600, outcome: 'passed' }
}

afterEach(async () => {
  await sim.close()
})

describe.each([
  [{ status: 5 }, '`status` as the number 5, expected a status word'],
  [{ stages: {} }, '`stages` as an object, expected a list'],
  [
    { 'stages.0.jobs': 'abc' },
    '`stages[0].jobs` as the text "abc", expected a list'
  ],
  [{ 'stages.0.name': 7 }, '`stages[0].name` as the number 7, expected a text'],
  [
    { 'stages.0.jobs.0.status': 'running\n::error::owned' },
    '`stages[0].jobs[0].status` as the text "running\\n:'
  ],
  [{ end_time: 'soon' }, '`end_time` as the text "soon", expected a number'],
  [{ task_id: -3 }, '`task_id` as the number -3, expected a positive whole']
])('a task detail with %j while following', (set, said) => {
  it('fails the step with outputs, a summary and the task cancelled', async () => {
    slowBuild()
    sim.faults.add({ ...POLL, kind: 'rewrite-json', set, times: Infinity })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`ZadigX answered task detail with ${said}`)
    expect(run.stdout).toContain('3 answers in a row that the action refuses')
    expect(run.outputs).toMatchObject({ 'task-id': '11', result: 'failure' })
    for (const name of ['status', 'task-url', 'duration', 'stages'])
      expect(run.outputs[name]).toBeDefined()
    expect(run.summary).toContain('#11')
    expect(cancels()).toHaveLength(1)
    expect(lastTask()?.status).toBe('cancelled')
    expect(run.stdout).toContain('the task was cancelled in ZadigX')
    // Server text never starts a line, so it cannot issue a workflow command.
    expect(run.stdout).not.toMatch(/^::error::owned/m)
  })
})

it('leaves the task running when cancel-on-abort is false, and says so', async () => {
  slowBuild()
  sim.faults.add({
    ...POLL,
    kind: 'rewrite-json',
    set: { stages: {} },
    times: Infinity
  })
  const run = await act({ 'cancel-on-abort': 'false' })
  expect(run.exitCode).toBe(1)
  expect(cancels()).toHaveLength(0)
  expect(run.stdout).toContain('the task may still be running in ZadigX')
  expect(run.outputs['task-id']).toBe('11')
})

it('an unknown status is no end: the wait goes on and says so once', async () => {
  sim.faults.add({
    ...POLL,
    kind: 'rewrite-json',
    set: { status: 'hibernating' },
    times: 3
  })
  const run = await act()
  expect(run.exitCode).toBe(0)
  expect(run.outputs.result).toBe('success')
  const said = run.stdout.match(
    /status `hibernating` which this action does not know; waiting/g
  )
  expect(said).toHaveLength(1)
})

describe('the trigger answer', () => {
  it.each([
    [
      { task_id: '1\n::warning::x' },
      '`task_id` as the text "1\\n::warning::x"'
    ],
    [{ task_id: null }, '`task_id` as null, expected a positive whole number'],
    [{ task_id: 0 }, '`task_id` as the number 0']
  ])(
    'with %j is refused; the task it started is found, never resent',
    async (set, said) => {
      sim.faults.add({ method: 'POST', path: TASK, kind: 'rewrite-json', set })
      const run = await act()
      expect(run.stdout).toContain(`ZadigX answered the trigger with ${said}`)
      expect(run.stdout).toContain('The answer to the trigger was lost')
      expect(run.stdout).not.toMatch(/^::warning::x/m)
      expect(sim.requests.filter(r => r.method === 'POST')).toHaveLength(1)
      expect(run.outputs).toMatchObject({ 'task-id': '11', result: 'success' })
      expect(run.exitCode).toBe(0)
    }
  )
})

it('a task list of the wrong shape fails list-tasks with its outputs and summary written', async () => {
  sim.faults.add({
    method: 'GET',
    path: '/openapi/workflows/custom/build-deploy/tasks',
    kind: 'rewrite-json',
    set: { workflow_tasks: 'none' },
    times: Infinity
  })
  const run = await act({ operation: 'list-tasks' })
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(
    'ZadigX answered the task list with `workflow_tasks` as the text "none", expected a list'
  )
  expect(run.outputs.result).toBe('failure')
  expect(run.summary).not.toBe('')
})

it('a workflow detail of the wrong shape stops the trigger before anything starts', async () => {
  sim.faults.add({
    method: 'GET',
    path: '/openapi/workflows/custom/build-deploy/detail',
    kind: 'rewrite-json',
    set: { 'stages.0.jobs': { build: true } },
    times: Infinity
  })
  const run = await act()
  expect(run.exitCode).toBe(1)
  expect(run.stdout).toContain(
    'ZadigX answered the workflow detail with `stages[0].jobs` as an object, expected a list'
  )
  expect(sim.requests.filter(r => r.method === 'POST')).toHaveLength(0)
  expect(run.outputs.result).toBe('failure')
  expect(run.summary).not.toBe('')
})
