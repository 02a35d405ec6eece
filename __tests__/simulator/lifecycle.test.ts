// Task lifecycle on virtual time: queue, run, fail, time out, job-task naming (reference 3.4, 4).
import type { Simulator, SimWorkflow } from '../../simulator/index.js'
import { defaultCatalog, startSimulator } from '../../simulator/index.js'
import { expectShape, fixture, keys } from '../helpers/fixtures.js'
import { BUILD, call, DEPLOY, detail, trigger } from '../helpers/sim-http.js'

const seconds = (n: number) => n * 1000

describe('task lifecycle (v1.7 server)', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('queues, runs the stages in order and passes', async () => {
    const r = await call(sim, 'POST', '/openapi/workflows/custom/task', {
      project_key: 'demo',
      workflow_key: 'build-deploy',
      inputs: [BUILD, DEPLOY]
    })
    expect(r.json).toEqual({
      project_name: 'demo',
      workflow_name: 'build-deploy',
      task_id: 11
    })
    expect(keys(r.json)).toEqual(keys(fixture('trigger-response.json')))
    const waiting = await detail(sim, 11)
    expect(waiting).toMatchObject({
      status: 'waiting',
      task_creator: 'admin',
      is_restart: false
    })
    expect(waiting.start_time).toBe(waiting.create_time)
    expect(keys(waiting)).toEqual(keys(fixture('task-detail-waiting.json')))

    sim.clock.advance(seconds(2 + 90))
    const running = await detail(sim, 11)
    expect(running.status).toBe('running')
    expect(running.start_time).toBe(running.create_time! + 2)
    expect(running.stages?.map(s => s.status)).toEqual(['running', ''])
    expect(running.stages?.[0]?.jobs?.[0]).toMatchObject({
      status: 'running',
      cost_seconds: 90
    })
    expect(running.stages?.[1]?.jobs?.[0]).not.toHaveProperty('start_time')

    sim.clock.advance(seconds(90 + 60))
    const passed = await detail(sim, 11)
    expect(passed.status).toBe('passed')
    expect(passed.end_time).toBe(passed.start_time! + 240)
    expectShape(passed, 'task-detail-passed.json')
    const [build, deploy] = (passed.stages ?? []).map(s => s.jobs?.[0])
    expect(build?.name).toBe('svc-a-svc-a-build')
    expect(deploy?.name).toBe('svc-a-deploy')
    const image = build?.spec?.image as string
    expect(image).toMatch(
      /^harbor\.example\.com\/library\/svc-a:\d{14}-11-main$/
    )
    expect(deploy?.spec?.service_and_images).toEqual([
      { service_name: 'svc-a', service_module: 'svc-a', image }
    ])
    expect(await trigger(sim)).toBe(12)
  })

  it('fails the task at a failed job and leaves later stages unstarted', async () => {
    sim.workflow('build-deploy').stages[0]!.jobs[0]!.script = {
      durationSec: 92,
      outcome: 'failed',
      error: 'step "build" exited with code 2'
    }
    const id = await trigger(sim)
    sim.clock.advance(seconds(200))
    const task = await detail(sim, id)
    expect(task.status).toBe('failed')
    expect(task.stages?.map(s => s.status)).toEqual(['failed', ''])
    expect(task.stages?.[0]?.jobs?.[0]).toMatchObject({
      status: 'failed',
      cost_seconds: 92,
      error: 'step "build" exited with code 2'
    })
    expectShape(task, 'task-detail-failed.json')
  })

  it('ends a task as timeout when a job times out', async () => {
    sim.workflow('build-deploy').stages[1]!.jobs[0]!.script.outcome = 'timeout'
    const id = await trigger(sim)
    sim.clock.advance(seconds(300))
    const task = await detail(sim, id)
    expect(task.status).toBe('timeout')
    expect(task.stages?.map(s => s.status)).toEqual(['passed', 'timeout'])
    expect(task.stages?.[1]?.jobs?.[0]?.error).not.toBe('')
  })

  it('runs parallel stages together and ranks their outcome', async () => {
    const wf = defaultCatalog()[0]!
    const job = (
      name: string,
      durationSec: number,
      outcome: 'passed' | 'failed'
    ) => ({
      name,
      type: 'freestyle',
      spec: { properties: { envs: [] } },
      script: { durationSec, outcome }
    })
    const parallel: SimWorkflow = {
      ...wf,
      key: 'fan-out',
      history: [],
      stages: [
        {
          name: 'checks',
          parallel: true,
          jobs: [job('lint', 30, 'failed'), job('unit', 90, 'passed')]
        }
      ]
    }
    await sim.close()
    sim = await startSimulator({ workflows: [parallel] })
    const inputs = [{ job_name: 'lint' }, { job_name: 'unit' }]
    expect(await trigger(sim, 'fan-out', inputs)).toBe(1)
    sim.clock.advance(seconds(2 + 60))
    const mid = await detail(sim, 1, 'fan-out')
    expect(mid.stages?.[0]?.jobs?.map(j => j.status)).toEqual([
      'failed',
      'running'
    ])
    expect(mid.status).toBe('running')
    sim.clock.advance(seconds(60))
    const done = await detail(sim, 1, 'fan-out')
    expect(done.status).toBe('failed')
    const checks = done.stages![0]!
    expect(checks.end_time).toBe(Number(checks.start_time) + 90)
  })
})

describe('task lifecycle (current server)', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('names job tasks job-<stage>-<job>-<sub>-<name> with HEAD keys', async () => {
    const id = await trigger(sim)
    sim.clock.advance(seconds(300))
    const task = await detail(sim, id)
    expect(task.status).toBe('passed')
    expectShape(task, 'task-detail-passed-head.json')
    const [build, deploy] = (task.stages ?? []).map(s => s.jobs?.[0])
    expect(build).toMatchObject({
      name: 'job-0-0-0-build',
      key: 'build.svc-a.svc-a',
      display_name: 'build-svc-a-svc-a',
      origin_name: 'build'
    })
    expect(deploy).toMatchObject({
      name: 'job-1-0-0-deploy',
      key: 'deploy.svc-a',
      display_name: 'deploy-svc-a',
      origin_name: 'deploy'
    })
  })
})
