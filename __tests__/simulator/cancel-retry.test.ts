// Cancel and retry on virtual time (reference 3.6, 3.7).
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import { expectShape, fixture } from '../helpers/fixtures.js'
import { call, detail, trigger } from '../helpers/sim-http.js'

const seconds = (n: number) => n * 1000

describe('cancel and retry (v1.7 server)', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('cancels a running task from the JSON body only', async () => {
    const id = await trigger(sim)
    sim.clock.advance(seconds(60))
    const queryOnly = await call(
      sim,
      'DELETE',
      `/openapi/workflows/custom/task?taskId=${id}&workflowKey=build-deploy`
    )
    expect([queryOnly.status, queryOnly.text]).toEqual([400, ''])
    const r = await call(sim, 'DELETE', '/openapi/workflows/custom/task', {
      task_id: id,
      workflow_key: 'build-deploy'
    })
    expect(r.json).toEqual(fixture('success.json'))
    sim.clock.advance(seconds(600))
    const task = await detail(sim, id)
    expect(task).toMatchObject({ status: 'cancelled', task_revoker: 'admin' })
    expect(task.stages?.map(s => s.status)).toEqual(['cancelled', ''])
    expect(task.stages?.[0]?.jobs?.[0]).toMatchObject({
      status: 'cancelled',
      cost_seconds: 58
    })
    expectShape(task, 'task-detail-cancelled.json')
    const badType = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom/task',
      {
        task_id: String(id),
        workflow_key: 'build-deploy'
      }
    )
    expect([badType.status, badType.text]).toEqual([400, ''])
  })

  it('refuses to cancel a passed task but overwrites a failed one', async () => {
    const passed = await call(sim, 'DELETE', '/openapi/workflows/custom/task', {
      task_id: 10,
      workflow_key: 'build-deploy'
    })
    expect(passed.status).toBe(400)
    expect(passed.json).toEqual({
      ...fixture('error-400-cancel-passed.json'),
      description: 'task: build-deploy:10 is passed, cannot cancel'
    })
    sim.workflow('build-deploy').stages[0]!.jobs[0]!.script.outcome = 'failed'
    const id = await trigger(sim)
    sim.clock.advance(seconds(600))
    await call(sim, 'DELETE', '/openapi/workflows/custom/task', {
      task_id: id,
      workflow_key: 'build-deploy'
    })
    const task = await detail(sim, id)
    expect(task.status).toBe('cancelled')
    expect(task.stages?.[0]?.status).toBe('failed')
    const unknown = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom/task',
      { task_id: 99, workflow_key: 'build-deploy' }
    )
    expect(unknown.json).toMatchObject({
      code: 6163,
      description: 'mongo: no documents in result'
    })
  })

  it('retries the same task id with the next attempt outcome', async () => {
    sim.workflow('build-deploy').stages[1]!.jobs[0]!.script.outcome = [
      'failed',
      'passed'
    ]
    const id = await trigger(sim)
    sim.clock.advance(seconds(300))
    const failed = await detail(sim, id)
    expect(failed.status).toBe('failed')
    const buildBefore = failed.stages?.[0]?.jobs?.[0]

    const r = await call(
      sim,
      'POST',
      `/openapi/workflows/custom/build-deploy/task/${id}?projectKey=demo`
    )
    expect(r.json).toEqual(fixture('success.json'))
    const again = await detail(sim, id)
    expect(again).toMatchObject({
      task_id: id,
      status: 'waiting',
      is_restart: false
    })
    expect(again.stages?.map(s => s.status)).toEqual(['passed', ''])
    sim.clock.advance(seconds(2 + 60))
    const passed = await detail(sim, id)
    expect(passed.status).toBe('passed')
    expect(passed.stages?.[0]?.jobs?.[0]).toEqual(buildBefore)
    expect(sim.tasks('build-deploy')).toHaveLength(11)
  })

  it('refuses retries per reference 2.2', async () => {
    const base = '/openapi/workflows/custom/build-deploy/task'
    const passed = await call(sim, 'POST', `${base}/10`)
    expect(passed.status).toBe(500)
    expect(passed.json).toEqual(fixture('error-500-retry-bad-status.json'))
    const unknown = await call(sim, 'POST', `${base}/99`)
    expect(unknown.status).toBe(400)
    expect(unknown.json).toMatchObject({ code: 6161 })
    const bad = await call(sim, 'POST', `${base}/abc`)
    expect(bad.json).toMatchObject({
      code: 400,
      description: 'taksID is invalid'
    })
  })
})

describe('cancel (current server)', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('cancels from the query string and ignores the body', async () => {
    const id = await trigger(sim)
    const bodyOnly = await call(
      sim,
      'DELETE',
      '/openapi/workflows/custom/task',
      {
        task_id: id,
        workflow_key: 'build-deploy'
      }
    )
    expect(bodyOnly.json).toMatchObject({
      code: 6163,
      description: 'mongo: no documents in result'
    })
    const r = await call(
      sim,
      'DELETE',
      `/openapi/workflows/custom/task?taskId=${id}&workflowKey=build-deploy`,
      { task_id: 0 }
    )
    expect(r.json).toEqual({ message: 'success' })
    const task = await detail(sim, id)
    expect(task).toMatchObject({ status: 'cancelled', task_revoker: 'admin' })
    expect(task.stages?.map(s => s.status)).toEqual(['', ''])
  })
})
