// approve / reject decide only what the OpenAPI approve route can decide: native gates,
// by a listed approver (matched by user id, as ZadigX does), once per approver. The task
// detail is served as ZadigX would show a Lark, DingTalk or WorkWX gate; the rest is the
// simulator's.
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import type { TaskDetail } from '../../src/zadig/types.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const TASK = '/openapi/workflows/custom/task'
const APPROVE = '/openapi/workflows/custom/task/approve'
const approvals = () =>
  sim.requests.filter(r => r.method === 'POST' && r.path === APPROVE)

const act = (inputs: Record<string, string>, token = sim.tokens.alice!) =>
  runInProcess(sim, {
    url: sim.url,
    token,
    project: 'demo',
    'poll-interval': '10ms',
    timeout: '1h',
    ...inputs
  })

async function start(version: 'v1.7' | 'current', workflow: string) {
  sim = await startSimulator({ version, advancePerTaskPollMs: 30_000 })
  for (const stage of sim.workflow(workflow).stages) {
    if (stage.approval) stage.approval.autoDecide = undefined
    for (const job of stage.jobs) job.script.autoDecide = undefined
  }
  const parked = await act({ workflow, 'on-approval': 'exit' })
  expect(parked.outputs.result).toBe('waiting-approval')
  return parked.outputs['task-id'] as string
}

/** Serves the next `times` reads of the task with `change` applied to it. */
function serveTask(
  workflow: string,
  taskId: string,
  change: (task: TaskDetail) => void,
  times = 1
): void {
  const task = structuredClone(sim.tasks(workflow).at(-1)!)
  change(task)
  sim.faults.add({
    method: 'GET',
    path: TASK,
    query: { taskId },
    times,
    kind: 'status',
    status: 200,
    body: JSON.stringify(task),
    contentType: 'application/json'
  })
}

const stageGate = (task: TaskDetail) =>
  task.stages!.find(s => s.approval?.enabled)!.approval!
const jobGate = (task: TaskDetail) =>
  task.stages!.flatMap(s => s.jobs ?? []).find(j => j.type === 'approval')!

const decide = (
  operation: string,
  workflow: string,
  taskId: string,
  token?: string
): Promise<BundleRun> =>
  act({ operation, workflow, 'task-id': taskId, wait: 'false' }, token)

afterEach(async () => {
  await sim?.close()
})

describe('gates decided outside ZadigX', () => {
  it.each([
    ['lark', 'Lark (Feishu)'],
    ['dingtalk', 'DingTalk']
  ])(
    'refuses a v1.7 %s stage gate before sending, naming %s',
    async (type, app) => {
      const taskId = await start('v1.7', 'release-gate')
      serveTask('release-gate', taskId, t => {
        stageGate(t).type = type
      })
      const run = await decide('approve', 'release-gate', taskId)
      expect(run.exitCode).toBe(1)
      expect(visibleLog(run.stdout)).toContain(
        `is a ${app} approval (type ${type}); ZadigX takes its decision only in ${app}, not through the API, so the action cannot approve or reject it. Decide it in ${app}`
      )
      expect(approvals()).toHaveLength(0)
    }
  )

  it('refuses to reject a current WorkWX approval job', async () => {
    const taskId = await start('current', 'release-gate-v3')
    serveTask('release-gate-v3', taskId, t => {
      jobGate(t).spec!['type'] = 'workwx'
    })
    const run = await decide('reject', 'release-gate-v3', taskId)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(
      /is a WorkWX \(WeCom\) approval .* Decide it in WorkWX \(WeCom\)/
    )
    expect(approvals()).toHaveLength(0)
  })
})

describe('who may decide', () => {
  it('knows the approver by user id, as ZadigX does, whatever name is shown', async () => {
    const taskId = await start('v1.7', 'release-gate')
    serveTask('release-gate', taskId, t => {
      stageGate(t).native_approval!.approve_users![0]!.user_name = 'Alice Chen'
    })
    const run = await decide('approve', 'release-gate', taskId)
    expect(run.exitCode).toBe(0)
    expect(approvals()).toHaveLength(1)
  })

  it('refuses a user whose id is not listed, even with a listed name', async () => {
    const taskId = await start('v1.7', 'release-gate')
    serveTask('release-gate', taskId, t => {
      stageGate(t).native_approval!.approve_users![0]!.user_name = 'bob'
    })
    const run = await decide('approve', 'release-gate', taskId, sim.tokens.bob)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/user bob is not an approver/)
    expect(approvals()).toHaveLength(0)
  })

  it('refuses a second decision after a rejection, as ZadigX would', async () => {
    const taskId = await start('current', 'release-gate-v3')
    serveTask('release-gate-v3', taskId, t => {
      const native = jobGate(t).spec!['native_approval'] as {
        approve_users: { reject_or_approve?: string }[]
      }
      native.approve_users[0]!.reject_or_approve = 'reject'
    })
    const run = await decide('approve', 'release-gate-v3', taskId)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/alice has already rejected/)
    expect(approvals()).toHaveLength(0)
  })
})
