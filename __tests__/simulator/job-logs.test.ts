// The simulator's job-log routes (docs/zadigx-api.md#job-log-stream, #job-log), as a
// plain fetch client sees them: lines that grow with the virtual clock, a stream that
// ends with the job, the stored log once it has ended, and a stream cut by a proxy.
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { BUILD, DEPLOY, post } from '../helpers/sim-http.js'

let sim: Simulator

afterEach(async () => {
  await sim.close()
})

const LOG = ['one', 'two', 'three', 'four']

async function started(
  version: 'v1.18' | 'v5.0' = 'v1.18'
): Promise<{ taskId: number; build: string; deploy: string }> {
  sim = await startSimulator({ version })
  const job = sim.workflow('build-deploy').stages[0]!.jobs[0]!
  job.script = { durationSec: 40, outcome: 'passed', log: LOG }
  const reply = await post(sim, {
    project_key: 'demo',
    workflow_key: 'build-deploy',
    inputs: [BUILD, DEPLOY]
  })
  const taskId = (reply.json as { task_id: number }).task_id
  sim.clock.advance(3000)
  const [stage1, stage2] = sim.tasks('build-deploy').at(-1)!.stages
  return { taskId, build: stage1!.jobs[0]!.name, deploy: stage2!.jobs[0]!.name }
}

const get = (path: string) =>
  fetch(sim.url + path, { headers: { Authorization: `Bearer ${sim.token}` } })
const streamPath = (taskId: number, job: string, lines = 100) =>
  `/api/aslan/logs/sse/v4/workflow/build-deploy/${taskId}/${encodeURIComponent(job)}/${lines}`
const storedPath = (taskId: number | string, job: string) =>
  `/api/aslan/logs/log/v4/workflow/build-deploy/tasks/${taskId}/jobs/${encodeURIComponent(job)}`

/**
 * Opens the stream and reads it to its end while virtual time moves on by `stepMs`
 * every few real ms (gin sends the headers with the first line).
 */
async function readStream(path: string, stepMs: number): Promise<string> {
  const timer = setInterval(() => sim.clock.advance(stepMs), 5)
  try {
    const res = await get(path)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    return await res.text()
  } finally {
    clearInterval(timer)
  }
}

it('streams a running job line by line and ends when the job ends', async () => {
  const { taskId, build } = await started()
  sim.clock.advance(10_000) // 1 of 4 lines written
  const text = await readStream(streamPath(taskId, build), 1000)
  expect(text).toBe(LOG.map(l => `event:message\ndata:${l}\n\n`).join(''))
})

it('notes when each line is written and when a stream sends it', async () => {
  const { taskId, build } = await started()
  await readStream(streamPath(taskId, build), 1000)
  const written = sim
    .logLinesWritten('build-deploy', taskId)
    .filter(l => l.jobName === build)
  expect(written.map(l => l.text)).toEqual(LOG)
  // The job writes a line every 10 s of its 40.
  const gaps = written.slice(1).map((l, i) => l.atMs - written[i]!.atMs)
  expect(gaps).toEqual([10_000, 10_000, 10_000])
  const sent = sim.logLinesSent
  expect(sent.map(l => [l.workflowKey, l.taskId, l.jobName, l.text])).toEqual(
    LOG.map(l => ['build-deploy', taskId, build, l])
  )
  // Time moves 1 s a step: each line goes out within a step of being written.
  for (const [i, l] of sent.entries()) {
    expect(l.atMs).toBeGreaterThanOrEqual(written[i]!.atMs)
    expect(l.atMs).toBeLessThanOrEqual(written[i]!.atMs + 1000)
  }
})

it('starts with the last `lines` lines already written', async () => {
  const { taskId, build } = await started()
  sim.clock.advance(30_000) // 3 of 4 written
  const text = await readStream(streamPath(taskId, build, 1), 500)
  expect(text).toBe('event:message\ndata:three\n\nevent:message\ndata:four\n\n')
})

it('gives an empty 200 for an ended job, and its stored log only then', async () => {
  const { taskId, build } = await started()
  expect(await (await get(storedPath(taskId, build))).text()).toBe('')
  sim.clock.advance(60_000)
  const stream = await get(streamPath(taskId, build))
  expect([stream.status, await stream.text()]).toEqual([200, ''])
  const stored = await get(storedPath(taskId, build))
  expect(stored.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  expect(await stored.text()).toBe('one\ntwo\nthree\nfour\n')
  expect((await get(storedPath('x', build))).status).toBe(400)
})

it('has deploy logs on v5.0, not on v1.18', async () => {
  for (const version of ['v1.18', 'v5.0'] as const) {
    const { taskId, deploy } = await started(version)
    sim.clock.advance(300_000)
    const text = await (await get(storedPath(taskId, deploy))).text()
    expect([version, text !== '']).toEqual([version, version === 'v5.0'])
    await sim.close()
  }
  sim = await startSimulator()
})

it('cuts a stream after the events a cut-stream fault lets through', async () => {
  const { taskId, build } = await started()
  sim.faults.add({ kind: 'cut-stream', path: /\/logs\/sse\//, afterEvents: 2 })
  await expect(readStream(streamPath(taskId, build), 1000)).rejects.toThrow()
  expect(sim.faults.counts['cut-stream']).toBe(1)
})
