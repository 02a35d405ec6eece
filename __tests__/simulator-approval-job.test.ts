// Approval jobs of the 'current' model (reference 3.8, 4.4).
import { readFileSync } from 'node:fs'
import type { Simulator } from '../simulator/index.js'
import { startSimulator } from '../simulator/index.js'
import type { TaskDetail } from '../src/zadig/types.js'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`fixtures/zadigx-api/${name}`, import.meta.url),
      'utf8'
    )
  ) as Record<string, unknown>

async function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  user = 'admin'
): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(sim.url + path, {
    method,
    headers: {
      Authorization: `Bearer ${sim.tokens[user]}`,
      'Content-Type': 'application/json'
    },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined }
}

const INPUTS = [
  {
    job_name: 'build',
    job_type: 'zadig-build',
    parameters: {
      registry: 'https://harbor.example.com/library',
      service_list: [{ service_name: 'svc-a', service_module: 'svc-a' }]
    }
  },
  {
    job_name: 'deploy',
    job_type: 'zadig-deploy',
    parameters: { env_name: 'dev' }
  },
  { job_name: 'approve', job_type: 'approval', parameters: {} },
  { job_name: 'smoke-test', job_type: 'freestyle', parameters: {} }
]

/** Build (180 s) and deploy (60 s) after 2 s in the queue. */
const TO_GATE_MS = (2 + 180 + 60) * 1000

async function trigger(sim: Simulator, workflowKey: string): Promise<number> {
  const r = await call(sim, 'POST', '/openapi/workflows/custom/task', {
    project_key: 'demo',
    workflow_key: workflowKey,
    inputs: INPUTS
  })
  return (r.json as { task_id: number }).task_id
}

async function detail(sim: Simulator, workflowKey: string, id: number) {
  const path = `/openapi/workflows/custom/task?taskId=${id}&workflowKey=${workflowKey}`
  return (await call(sim, 'GET', path)).json as TaskDetail
}

function approve(sim: Simulator, user: string, body: Record<string, unknown>) {
  return call(sim, 'POST', '/openapi/workflows/custom/task/approve', body, user)
}

const keys = (value: unknown): string[] =>
  Object.keys(value as Record<string, unknown>).sort()

describe('approval job (current model)', () => {
  let sim: Simulator
  let id: number
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
    delete sim.workflow('release-gate-v3').stages[2]!.jobs[0]!.script.autoDecide
    id = await trigger(sim, 'release-gate-v3')
    sim.clock.advance(TO_GATE_MS)
  })
  afterEach(async () => {
    await sim.close()
  })

  it('waits in a wait_for_approval job while the task keeps running', async () => {
    const task = await detail(sim, 'release-gate-v3', id)
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
    const task = await detail(sim, 'release-gate-v3', id)
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
    const task = await detail(sim, 'release-gate-v3', id)
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
        const r = await call(sim, 'POST', '/openapi/workflows/custom/task', {
          workflow_key: 'release-gate-v3',
          inputs: INPUTS.filter(i => i.job_name !== 'approve')
        })
        const id = (r.json as { task_id: number }).task_id
        sim.clock.advance(TO_GATE_MS + 40_000)
        const task = await detail(sim, 'release-gate-v3', id)
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
