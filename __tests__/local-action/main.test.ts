// The entry for @github/local-action: the tool imports it, calls its run() with its own
// @actions/core, and exits with process.exitCode, which that core's setFailed never sets.
import { jest } from '@jest/globals'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { localActionCore, startLocalRun } from '../helpers/local-action-core.js'

const { module: core, record } = localActionCore()
jest.unstable_mockModule('@actions/core', () => core)
const entry = await import('../../src/local-action/main.js')
const { simClock } = await import('../helpers/in-process.js')

let sim: Simulator
const saved = { ...process.env }

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
  startLocalRun(sim, record)
  process.exitCode = undefined
})

afterEach(async () => {
  process.exitCode = undefined
  process.env = { ...saved }
  await sim.close()
})

const runEntry = () => entry.run({ clock: simClock(sim) })

it('exports the run() the tool calls', () => {
  expect(typeof entry.run).toBe('function')
})

it('sets exit code 1 when the task fails', async () => {
  const deploy = sim.workflow('build-deploy').stages[1]?.jobs[0]
  if (deploy) deploy.script = { durationSec: 60, outcome: 'failed' }
  await runEntry()
  expect(process.exitCode).toBe(1)
  expect(record.outputs.result).toBe('failure')
  expect(record.failures).toEqual([
    expect.stringMatching(/^Task #\d+ ended with status failed/)
  ])
})

it('leaves the exit code alone when the task passes, and tells the post step it is done', async () => {
  await runEntry()
  expect(process.exitCode).toBeUndefined()
  expect(record.outputs.result).toBe('success')
  expect(record.lines).toContainEqual(
    expect.stringMatching(/✔ task #\d+ passed/)
  )
  expect(JSON.parse(record.state['zadigx-task'] ?? '{}')).toMatchObject({
    workflowKey: 'build-deploy',
    taskId: Number(record.outputs['task-id']),
    done: true
  })
})

it('sets exit code 1 on bad input, before any request', async () => {
  process.env['INPUT_TASK-ID'] = 'eleven'
  process.env.INPUT_OPERATION = 'approve'
  await runEntry()
  expect(process.exitCode).toBe(1)
  expect(record.failures.join('\n')).toMatch(/task-id/)
  expect(sim.requests).toHaveLength(0)
})
