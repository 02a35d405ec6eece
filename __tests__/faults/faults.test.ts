// Reliability: the action against a ZadigX that fails in the ways self-hosted servers do.
// Run in-process with the action's clock tied to the simulator's, so back-offs and the
// trigger-recovery window pass in virtual time.
import { visibleLog } from '../../scripts/local-runner.js'
import {
  BAD_GATEWAY_PAGE,
  startSimulator,
  type Simulator
} from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const TRIGGER = '/openapi/workflows/custom/task'
const STREAM = '/api/aslan/workflow/sse/workflowTasks/running'
// Polls of the new task (the catalog seeds tasks 1..10); history reads of older
// tasks go to the same path.
const POLL = { method: 'GET', path: TRIGGER, query: { taskId: '11' } }
const act = (inputs: Record<string, string> = {}) =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    workflow: 'build-deploy',
    'poll-interval': '5s',
    ...inputs
  })
const triggers = () =>
  sim.requests.filter(r => r.method === 'POST' && r.path === TRIGGER)

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
  // These are about polling through faults: a proxy cuts the running-task stream at
  // once, so every look is a poll (the stream's own faults: e2e/running-stream.test.ts).
  sim.faults.add({
    path: STREAM,
    kind: 'cut-stream',
    afterEvents: 0,
    times: Infinity
  })
})

afterEach(async () => {
  await sim.close()
})

describe('while waiting', () => {
  it('rides out a burst of 502 pages: one warning, the outage length, the right result', async () => {
    sim.faults.add({
      ...POLL,
      kind: 'status',
      status: 502,
      body: BAD_GATEWAY_PAGE,
      contentType: 'text/html',
      after: 2,
      times: 5
    })
    const run = await act()
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    const log = visibleLog(run.stdout)
    expect(log.match(/ZadigX did not answer/g)).toHaveLength(1)
    expect(log).toMatch(/unreachable for \d+(m\d+)?s/)
    expect(sim.faults.counts.status).toBe(5)
  })

  it('rides out connection resets', async () => {
    sim.faults.add({ ...POLL, kind: 'reset', after: 1, times: 2 })
    const run = await act()
    expect(run.outputs.result).toBe('success')
    expect(sim.faults.counts.reset).toBe(2)
    expect(triggers()).toHaveLength(1)
  })

  it('polls again after a cut-off JSON answer', async () => {
    sim.faults.add({ ...POLL, kind: 'truncated-json', after: 1 })
    sim.faults.add({ ...POLL, kind: 'invalid-json', after: 2 })
    const run = await act()
    expect(run.outputs.result).toBe('success')
    expect(sim.faults.counts['truncated-json']).toBe(1)
  })

  it('waits as long as a 429 asks before polling again', async () => {
    sim.faults.add({
      ...POLL,
      kind: 'rate-limit',
      retryAfterSec: 45,
      after: 1
    })
    const run = await act({ 'poll-strategy': 'fixed' })
    expect(run.outputs.result).toBe('success')
    const polls = sim.requests.filter(
      r => r.method === 'GET' && r.path === TRIGGER
    )
    expect(polls.filter(r => r.fault === 'rate-limit')).toHaveLength(1)
    // The 45 s the 429 asked for, after the 20 s the simulator adds to the failed
    // poll (polling every 5 s: 25s); longer asks are cut to a minute
    // (network-limits.test.ts).
    expect(visibleLog(run.stdout)).toMatch(/unreachable for 1m05s/)
  })
})

describe('the trigger is never resent', () => {
  it('finds and follows the task when the trigger answer is lost', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'lost-response' })
    const run = await act()
    expect(triggers()).toHaveLength(1)
    expect(sim.tasks('build-deploy')).toHaveLength(before + 1)
    expect(run.exitCode).toBe(0)
    expect(run.outputs['task-id']).toBe(
      String(sim.tasks('build-deploy').at(-1)?.task_id)
    )
    expect(visibleLog(run.stdout)).toMatch(
      /answer to the trigger was lost.*Not sending it again/
    )
  })

  it('says no task was seen, never that it is safe to rerun, when a proxy failed the trigger', async () => {
    const before = sim.tasks('build-deploy').length
    sim.faults.add({
      method: 'POST',
      path: TRIGGER,
      kind: 'status',
      status: 502,
      body: BAD_GATEWAY_PAGE,
      contentType: 'text/html'
    })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(triggers()).toHaveLength(1)
    expect(sim.tasks('build-deploy')).toHaveLength(before)
    const log = visibleLog(run.stdout)
    expect(log).toMatch(
      /The task this trigger may have started in build-deploy was not found after 20 s; check the task list before re-running/
    )
    expect(log).not.toMatch(/not created|safe to run/)
    expect(run.outputs.result).toBe('failure')
  })

  it('does not guess when the task list could not be read before triggering', async () => {
    sim.faults.add({
      method: 'GET',
      path: '/openapi/workflows/custom/build-deploy/tasks',
      kind: 'status',
      status: 503,
      times: Infinity
    })
    sim.faults.add({ method: 'POST', path: TRIGGER, kind: 'lost-response' })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(triggers()).toHaveLength(1)
    expect(visibleLog(run.stdout)).toMatch(
      /cannot tell\. Check the workflow's task list in ZadigX before re-running/
    )
  })

  it('does not recover from an answer ZadigX itself gave', async () => {
    const job = sim.workflow('build-deploy').stages[0]?.jobs[0]
    const spec = job?.spec as { docker_registry_id: string }
    spec.docker_registry_id = 'unknown-registry'
    const run = await act({
      inputs: 'build: {registry: "https://nowhere.example.com/x"}'
    })
    expect(run.exitCode).toBe(1)
    expect(triggers()).toHaveLength(1)
    expect(visibleLog(run.stdout)).not.toMatch(/answer to the trigger was lost/)
  })
})

describe('answers that are not the ZadigX API', () => {
  it('says the URL is probably wrong on a login page', async () => {
    sim.faults.add({ path: /.*/, kind: 'html-login', times: Infinity })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/URL is probably wrong/)
    expect(run.outputs.result).toBe('failure')
  })

  it('says the URL is probably wrong on a 404 for /openapi', async () => {
    const run = await act({ url: `${sim.url}/wrong-prefix` })
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/Invalid path|URL is probably wrong/)
  })
})
