// Approval jobs of the 'current' model (reference 3.8, 4.4).
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import type { TaskDetail } from '../../src/zadig/types.js'
import { fixture, keys } from '../helpers/fixtures.js'
import {
  approve,
  detail,
  GATE_INPUTS,
  TO_GATE_MS,
  trigger
} from '../helpers/sim-http.js'

describe('approval job (current model)', () => {
  let sim: Simulator
  let id: number
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
    delete sim.workflow('release-gate-v3').stages[2]!.jobs[0]!.script.autoDecide
    id = await trigger(sim, 'release-gate-v3', GATE_INPUTS)
    sim.clock.advance(TO_GATE_MS)
  })
  afterEach(async () => {
    await sim.close()
  })

  it('waits in a wait_for_approval job while the task keeps running', async () => {
    const task = await detail(sim, id, 'release-gate-v3')
    expect(task.status).toBe('running')
    const job = task.stages![2]!.jobs![0]!
    expect(job).toMatchObject({
      name: 'job-2-0-0-approve',
      type: 'approval',
      status: 'wait_for_approval'
    })
    const sample = fixture(
      'task-detail-waiting-approval-head.json'
    ) as unknown as TaskDetail
    const gate = sample.stages![2]!.jobs![0]!
    expect(keys(job)).toEqual(keys(gate))
    expect(keys(job.spec)).toEqual(keys(gate.spec))
    expect(job.spec?.native_approval).toEqual({
      timeout: 0,
      approve_users: [
        { type: 'user', user_id: 'uid-alice', user_name: 'alice' }
      ],
      needed_approvers: 1,
      reject_or_approve: '',
      instance_code: ''
    })
  })

  it('approves by job-task name, then runs the next stage', async () => {
    const body = {
      workflow_key: 'release-gate-v3',
      task_id: id,
      stage_name: 'approval',
      approve: true
    }
    const byStage = await approve(sim, 'alice', body)
    expect(byStage.json).toMatchObject({
      code: 6169,
      description: 'not found approval'
    })
    const bob = await approve(sim, 'bob', {
      ...body,
      stage_name: 'job-2-0-0-approve'
    })
    expect(bob.json).toMatchObject({
      description: 'user bob has no authority to Approve'
    })
    await approve(sim, 'alice', {
      ...body,
      stage_name: 'job-2-0-0-approve',
      comment: 'ship it'
    })
    sim.clock.advance(1000)
    const task = await detail(sim, id, 'release-gate-v3')
    const job = task.stages![2]!.jobs![0]!
    expect(job.status).toBe('passed')
    expect(
      (job.spec?.native_approval as { approve_users: unknown[] }).approve_users
    ).toEqual([
      {
        type: 'user',
        user_id: 'uid-alice',
        user_name: 'alice',
        reject_or_approve: 'approve',
        comment: 'ship it',
        operation_time: task.stages![1]!.end_time
      }
    ])
    expect(task.stages![3]!.jobs![0]).toMatchObject({
      name: 'job-3-0-0-smoke-test',
      status: 'running'
    })
  })

  it('rejects the job, its stage and the task', async () => {
    await approve(sim, 'alice', {
      workflow_key: 'release-gate-v3',
      task_id: id,
      stage_name: 'job-2-0-0-approve',
      approve: false
    })
    sim.clock.advance(1000)
    const task = await detail(sim, id, 'release-gate-v3')
    expect(task.status).toBe('reject')
    expect(task.stages!.map(s => s.status)).toEqual([
      'passed',
      'passed',
      'reject',
      ''
    ])
    expect(task.stages![2]!.jobs![0]!.status).toBe('reject')
  })
})

describe('approval job without listing it', () => {
  it.each(['v1.7', 'current'] as const)(
    'does not stop for approval (%s server)',
    async version => {
      const sim = await startSimulator({ version })
      try {
        const id = await trigger(
          sim,
          'release-gate-v3',
          GATE_INPUTS.filter(i => i.job_name !== 'approve')
        )
        sim.clock.advance(TO_GATE_MS + 40_000)
        const task = await detail(sim, id, 'release-gate-v3')
        expect(task.status).toBe('passed')
        expect(task.stages!.map(s => s.name)).toEqual([
          'build',
          'deploy',
          'release'
        ])
      } finally {
        await sim.close()
      }
    }
  )
})
