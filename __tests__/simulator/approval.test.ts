// v1.7 stage approvals, autoDecide, and cancel/retry around a gate (reference 3.8, 4.4).
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import type { TaskDetail } from '../../src/zadig/types.js'
import { fixture, keys } from '../helpers/fixtures.js'
import {
  approve,
  call,
  detail,
  GATE_INPUTS,
  internal,
  TO_GATE_MS,
  trigger
} from '../helpers/sim-http.js'

describe('v1.7 stage approval', () => {
  let sim: Simulator
  let id: number
  beforeEach(async () => {
    sim = await startSimulator()
    delete sim.workflow('release-gate').stages[2]!.approval!.autoDecide
    id = await trigger(sim, 'release-gate', GATE_INPUTS)
    sim.clock.advance(TO_GATE_MS)
  })
  afterEach(async () => {
    await sim.close()
  })

  it('waits for approval in the shape of the fixture', async () => {
    const task = await detail(sim, id, 'release-gate')
    expect(task.status).toBe('waitforapprove')
    const stage = task.stages![2]!
    expect(stage.status).toBe('waitforapprove')
    expect(stage).not.toHaveProperty('start_time')
    const sample = fixture(
      'task-detail-waiting-approval.json'
    ) as unknown as TaskDetail
    const gate = sample.stages![2]!
    expect(keys(task)).toEqual(keys(sample))
    expect(keys(stage)).toEqual(keys(gate))
    expect(keys(stage.approval)).toEqual(keys(gate.approval))
    expect(keys(stage.approval?.native_approval)).toEqual(
      keys(gate.approval?.native_approval)
    )
    expect(stage.approval?.native_approval?.approve_users).toEqual([
      {
        user_id: 'uid-alice',
        user_name: 'alice',
        reject_or_approve: '',
        comment: '',
        operation_time: 0
      }
    ])
    expect(stage.approval?.start_time).toBe(task.stages![1]!.end_time)
  })

  it('applies an approval on the next controller tick, then runs the stage', async () => {
    const r = await approve(sim, 'alice', {
      workflow_key: 'release-gate',
      task_id: id,
      stage_name: 'release',
      approve: true,
      comment: 'LGTM'
    })
    expect(r.json).toEqual(fixture('success.json'))
    expect((await detail(sim, id, 'release-gate')).status).toBe(
      'waitforapprove'
    )
    sim.clock.advance(1000)
    const running = await detail(sim, id, 'release-gate')
    expect(running.status).toBe('running')
    const stage = running.stages![2]!
    expect(stage.status).toBe('running')
    expect(stage.approval).toMatchObject({
      status: 'passed',
      native_approval: { reject_or_approve: 'approve' }
    })
    expect(stage.approval?.native_approval?.approve_users?.[0]).toMatchObject({
      reject_or_approve: 'approve',
      comment: 'LGTM',
      operation_time: running.stages![1]!.end_time
    })
    expect(stage.start_time).toBe(stage.approval?.end_time)
    sim.clock.advance(40_000)
    expect((await detail(sim, id, 'release-gate')).status).toBe('passed')
  })

  it('rejects: stage and task reject with the user in the error', async () => {
    await approve(sim, 'alice', {
      workflow_key: 'release-gate',
      task_id: id,
      stage_name: 'release',
      approve: false,
      comment: 'not now'
    })
    sim.clock.advance(1000)
    const task = await detail(sim, id, 'release-gate')
    expect(task.status).toBe('reject')
    const stage = task.stages![2]!
    expect(stage).toMatchObject({
      status: 'reject',
      error: 'alice reject this task'
    })
    expect(stage.approval).toMatchObject({
      status: 'reject',
      native_approval: { reject_or_approve: 'reject' }
    })
    expect(stage.jobs?.[0]?.status).toBe('')
    const sample = fixture('task-detail-rejected.json') as unknown as TaskDetail
    expect(keys(stage)).toEqual(keys(sample.stages![2]))
    expect(keys(stage.approval)).toEqual(keys(sample.stages![2]!.approval))
  })

  it('refuses non-approvers, second decisions and wrong stage names', async () => {
    const body = {
      workflow_key: 'release-gate',
      task_id: id,
      stage_name: 'release',
      approve: true
    }
    const bob = await approve(sim, 'bob', body)
    expect(bob.status).toBe(400)
    expect(bob.json).toEqual(fixture('error-400-approve-not-approver.json'))
    await approve(sim, 'alice', body)
    const twice = await approve(sim, 'alice', { ...body, approve: false })
    expect(twice.json).toMatchObject({
      code: 6169,
      description: 'alice have approve already'
    })
    const wrong = await approve(sim, 'alice', { ...body, stage_name: 'build' })
    expect(wrong.json).toEqual({
      ...fixture('error-400-approve-not-waiting.json'),
      description: `workflow release-gate ID ${id} stage build do not need approve`
    })
  })

  it('fails to decode a string task_id with a plain 500', async () => {
    const r = await approve(sim, 'alice', {
      workflow_key: 'release-gate',
      task_id: String(id),
      stage_name: 'release',
      approve: true
    })
    expect(r.status).toBe(500)
    expect(r.json).toEqual(
      internal(
        'failed to unmarshal request data, error: json: cannot unmarshal string into Go struct field OpenAPIApproveRequest.task_id of type int64'
      )
    )
    const missing = await approve(sim, 'alice', {
      workflow_key: 'release-gate',
      task_id: id
    })
    expect(missing.json).toMatchObject({
      code: 6169,
      description: `can not find approved workflow: release-gate, taskID: ${id},stage: `
    })
  })

  it('times out after the native timeout', async () => {
    sim.clock.advance(60 * 60_000)
    const task = await detail(sim, id, 'release-gate')
    expect(task.status).toBe('timeout')
    expect(task.stages![2]).toMatchObject({
      status: 'timeout',
      approval: { status: 'timeout' }
    })
  })

  it('takes decisions made in the UI through decide()', async () => {
    expect(() =>
      sim.decide('release-gate', id, { user: 'bob', approve: true })
    ).toThrow('user bob has no authority to approve')
    sim.decide('release-gate', id, {
      user: 'alice',
      approve: true,
      comment: 'ok'
    })
    sim.clock.advance(1000)
    expect(sim.tasks('release-gate').at(-1)?.status).toBe('running')
    expect(() =>
      sim.decide('release-gate', id, { user: 'alice', approve: true })
    ).toThrow('do not need approve')
  })
})

describe('autoDecide', () => {
  it('approves the default release gate 120 virtual seconds after it opens', async () => {
    const sim = await startSimulator()
    try {
      const id = await trigger(sim, 'release-gate', GATE_INPUTS)
      sim.clock.advance(TO_GATE_MS + 119_000)
      expect((await detail(sim, id, 'release-gate')).status).toBe(
        'waitforapprove'
      )
      sim.clock.advance(1000)
      const task = await detail(sim, id, 'release-gate')
      expect(task.status).toBe('running')
      expect(
        task.stages![2]!.approval?.native_approval?.approve_users?.[0]
      ).toMatchObject({
        user_name: 'alice',
        reject_or_approve: 'approve',
        comment: 'LGTM'
      })
    } finally {
      await sim.close()
    }
  })
})

describe('cancel and retry around a stage approval', () => {
  it('cancels a waiting gate and asks again after a retry', async () => {
    const sim = await startSimulator()
    try {
      delete sim.workflow('release-gate').stages[2]!.approval!.autoDecide
      const id = await trigger(sim, 'release-gate', GATE_INPUTS)
      sim.clock.advance(TO_GATE_MS + 500)
      await approve(sim, 'alice', {
        workflow_key: 'release-gate',
        task_id: id,
        stage_name: 'release',
        approve: true
      })
      const r = await call(
        sim,
        'DELETE',
        '/openapi/workflows/custom/task',
        { task_id: id, workflow_key: 'release-gate' },
        { token: sim.tokens.bob }
      )
      expect(r.status).toBe(200)
      sim.clock.advance(5000)
      const cancelled = await detail(sim, id, 'release-gate')
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        task_revoker: 'bob'
      })
      expect(cancelled.stages![2]).toMatchObject({
        status: 'cancelled',
        approval: { status: 'cancelled' }
      })
      expect(
        cancelled.stages![2]!.approval?.native_approval?.approve_users?.[0]
          ?.reject_or_approve
      ).toBe('')

      await call(
        sim,
        'POST',
        `/openapi/workflows/custom/release-gate/task/${id}`
      )
      sim.clock.advance(2000)
      const again = await detail(sim, id, 'release-gate')
      expect(again).toMatchObject({
        status: 'waitforapprove',
        is_restart: false
      })
      expect(again.stages!.map(s => s.status)).toEqual([
        'passed',
        'passed',
        'waitforapprove'
      ])
      expect(again.stages![2]!.approval).toMatchObject({
        status: '',
        start_time: again.start_time
      })
    } finally {
      await sim.close()
    }
  })
})
