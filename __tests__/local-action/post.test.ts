// The post entry for @github/local-action: the tool runs it after every main step, in the
// same process (state in memory), not only after a cancelled job.
import { jest } from '@jest/globals'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { localActionCore, startLocalRun } from '../helpers/local-action-core.js'

const { module: core, record } = localActionCore()
jest.unstable_mockModule('@actions/core', () => core)
const main = await import('../../src/local-action/main.js')
const post = await import('../../src/local-action/post.js')
const { simClock } = await import('../helpers/in-process.js')

let sim: Simulator
const saved = { ...process.env }

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
  startLocalRun(sim, record)
})

afterEach(async () => {
  process.exitCode = undefined
  process.env = { ...saved }
  await sim.close()
})

const cancels = () =>
  sim.requests.filter(
    r => r.method === 'DELETE' && r.path === '/openapi/workflows/custom/task'
  )

it('exports the run() the tool calls', () => {
  expect(typeof post.run).toBe('function')
})

it('does nothing after a main step that saw its task end', async () => {
  await main.run({ clock: simClock(sim) })
  const before = record.lines.length
  await post.run()
  expect(cancels()).toHaveLength(0)
  expect(record.lines.slice(before)).toEqual([])
})

it('cancels the task a main step stopped before it could cancel it', async () => {
  // A main step that started a long task and was killed: its state says not done.
  const build = sim.workflow('build-deploy').stages[0]?.jobs[0]
  if (build) build.script = { durationSec: 86_400, outcome: 'passed' }
  process.env.INPUT_WAIT = 'false'
  await main.run({ clock: simClock(sim) })
  const taskId = Number(record.outputs['task-id'])
  record.state['zadigx-task'] = JSON.stringify({
    workflowKey: 'build-deploy',
    taskId,
    done: false
  })
  await post.run()
  expect(cancels()).toHaveLength(1)
  expect(
    sim.tasks('build-deploy').find(t => t.task_id === taskId)?.status
  ).toBe('cancelled')
  expect(record.lines).toContainEqual(
    `Cancelled task #${taskId} (the job was cancelled) in ZadigX.`
  )
})
