// End-to-end: the operations on existing tasks and workflows, against the simulator.
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import {
  startSimulator,
  type JobScript,
  type Simulator
} from '../../simulator/index.js'
import { DEFAULT_REGISTRY_ID } from '../../simulator/system.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator
let driver: Driver

const FAST = { 'poll-interval': '10ms', timeout: '1h' }

async function act(
  inputs: Record<string, string>,
  token = sim.token
): Promise<BundleRun> {
  return driver(sim, {
    url: sim.url,
    token,
    project: 'demo',
    ...FAST,
    ...inputs
  })
}

/** Runs `operation` on the task an earlier step reported in its task-id output. */
function onTask(
  operation: string,
  workflow: string,
  step: BundleRun,
  token?: string
): Promise<BundleRun> {
  const taskId = step.outputs['task-id'] as string
  return act({ operation, workflow, 'task-id': taskId }, token)
}

const sent = (method: string, path: string) =>
  sim.requests.filter(r => r.method === method && r.path === path)

const APPROVE = '/openapi/workflows/custom/task/approve'
const CANCEL = '/openapi/workflows/custom/task'

/** Gives the build job of build-deploy this script. */
function scriptBuild(script: JobScript): void {
  sim.workflow('build-deploy').stages[0]!.jobs[0]!.script = script
}

function manualApproval(workflow: string): void {
  for (const stage of sim.workflow(workflow).stages) {
    if (stage.approval) stage.approval.autoDecide = undefined
    for (const job of stage.jobs) job.script.autoDecide = undefined
  }
}

async function startAndPark(workflow: string): Promise<BundleRun> {
  manualApproval(workflow)
  const first = await act({ workflow, 'on-approval': 'exit' })
  expect(first.exitCode).toBe(0)
  expect(first.outputs.result).toBe('waiting-approval')
  return first
}

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('operations on a v1.7 server (%s)', (_name, run) => {
  beforeEach(async () => {
    sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    driver = run
  })

  it('on-approval exit, then a second step approves the stage and waits', async () => {
    const first = await startAndPark('release-gate')
    const taskId = first.outputs['task-id'] as string
    // The stage after the gate runs for a while: the second step sees it run and end.
    const smoke = sim.workflow('release-gate').stages[2]?.jobs[0]
    if (smoke) smoke.script = { ...smoke.script, durationSec: 300 }
    const second = await act(
      {
        operation: 'approve',
        workflow: 'release-gate',
        'task-id': taskId,
        comment: 'ship it'
      },
      sim.tokens.alice
    )
    expect(second.exitCode).toBe(0)
    expect(second.outputs).toMatchObject({
      result: 'success',
      'task-id': taskId
    })
    const approvals = sent('POST', APPROVE)
    expect(approvals).toHaveLength(1)
    expect(approvals[0]?.body).toEqual({
      workflow_key: 'release-gate',
      task_id: Number(taskId),
      stage_name: 'release',
      approve: true,
      comment: 'ship it'
    })
    // It joins a task that ran before this step: one line for where it is, then only
    // what changes (the first step logged the stages that ended already).
    const log = visibleLog(second.stdout)
    expect(log).toMatch(
      new RegExp(`following task #${taskId} \\(already running since \\d{4}-`)
    )
    expect(log).not.toMatch(/task #\d+ started|stage build passed/)
    expect(log).toMatch(/✔ stage release passed/)
  })

  it('rejects a waiting stage and reports result rejected without failing', async () => {
    const first = await startAndPark('release-gate')
    const second = await onTask(
      'reject',
      'release-gate',
      first,
      sim.tokens.alice
    )
    expect(second.exitCode).toBe(0)
    expect(second.outputs).toMatchObject({
      result: 'rejected',
      status: 'reject'
    })
    const body = sent('POST', APPROVE)[0]?.body
    expect(body).toMatchObject({ approve: false, stage_name: 'release' })
  })

  it('says so when nothing is waiting for approval, and sends nothing', async () => {
    const done = await act({ workflow: 'build-deploy' })
    const run = await onTask('approve', 'build-deploy', done, sim.tokens.alice)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/not waiting for approval/)
    expect(sent('POST', APPROVE)).toHaveLength(0)
  })

  it('refuses when the token user is not an approver, naming the approvers', async () => {
    const first = await startAndPark('release-gate')
    const run = await onTask('approve', 'release-gate', first, sim.tokens.bob)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/bob is not an approver.*alice/)
    expect(sent('POST', APPROVE)).toHaveLength(0)
  })

  it('cancels a running task with the query and the JSON body', async () => {
    scriptBuild({ durationSec: 3600, outcome: 'passed' })
    const started = await act({ workflow: 'build-deploy', wait: 'false' })
    expect(started.outputs.result).toBe('running')
    const taskId = started.outputs['task-id'] as string
    const run = await onTask('cancel', 'build-deploy', started)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      result: 'cancelled',
      status: 'cancelled'
    })
    const cancels = sent('DELETE', CANCEL)
    expect(cancels).toHaveLength(1)
    expect(cancels[0]?.query).toMatchObject({
      taskId,
      workflowKey: 'build-deploy'
    })
    expect(cancels[0]?.body).toEqual({
      task_id: Number(taskId),
      workflow_key: 'build-deploy'
    })
  })

  it('does not cancel a task that has already ended', async () => {
    scriptBuild({ durationSec: 30, outcome: 'failed', error: 'boom' })
    const done = await act({ workflow: 'build-deploy' })
    expect(done.outputs.result).toBe('failure')
    const run = await onTask('cancel', 'build-deploy', done)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'failure', status: 'failed' })
    expect(visibleLog(run.stdout)).toMatch(/already ended with status failed/)
    expect(sent('DELETE', CANCEL)).toHaveLength(0)
  })

  it('retries a failed task and follows the same task id to success', async () => {
    scriptBuild({
      durationSec: 60,
      outcome: ['failed', 'passed'],
      error: 'flaky'
    })
    const failed = await act({ workflow: 'build-deploy' })
    expect(failed.outputs.result).toBe('failure')
    const taskId = failed.outputs['task-id'] as string
    const run = await onTask('retry', 'build-deploy', failed)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ result: 'success', 'task-id': taskId })
    const log = visibleLog(run.stdout)
    expect(log).toMatch(new RegExp(`following task #${taskId} \\(`))
    expect(log).not.toMatch(/task #\d+ started/)
    expect(log).toMatch(/✔ task #\d+ passed/)
    expect(
      sent('POST', `/openapi/workflows/custom/build-deploy/task/${taskId}`)
    ).toHaveLength(1)
  })

  it('refuses to retry a task that passed', async () => {
    const done = await act({ workflow: 'build-deploy' })
    const run = await onTask('retry', 'build-deploy', done)
    expect(run.exitCode).toBe(1)
    expect(visibleLog(run.stdout)).toMatch(/can only retry/)
  })

  it('waits for an existing task and reads one snapshot with get-task', async () => {
    const started = await act({ workflow: 'build-deploy', wait: 'false' })
    const taskId = started.outputs['task-id'] as string
    const snap = await onTask('get-task', 'build-deploy', started)
    expect(snap.exitCode).toBe(0)
    expect(snap.outputs.result).toMatch(/running|success/)
    expect(JSON.parse(snap.outputs.data ?? '{}')).toMatchObject({
      task_id: Number(taskId),
      workflow_key: 'build-deploy'
    })
    const waited = await onTask('wait', 'build-deploy', started)
    expect(waited.exitCode).toBe(0)
    expect(waited.outputs).toMatchObject({
      result: 'success',
      status: 'passed'
    })
  })

  it('reports the status a task has when it is not followed (wait: false)', async () => {
    const started = await act({ workflow: 'build-deploy', wait: 'false' })
    expect(started.exitCode).toBe(0)
    expect(started.outputs.result).toBe('running')
    expect(started.outputs.status).toMatch(/^(created|waiting|running)$/)
  })

  it('finds the tasks whose build checked out a commit', async () => {
    const first = await act({ workflow: 'build-deploy' })
    await act({ workflow: 'build-deploy' })
    const id = Number(first.outputs['task-id'])
    const task = sim.tasks('build-deploy').find(t => t.task_id === id)
    const repos = task?.stages?.[0]?.jobs?.[0]?.spec?.repos as {
      commit_id: string
    }[]
    const commit = repos[0]!.commit_id
    const found = await act({
      operation: 'find-tasks',
      workflow: 'build-deploy',
      commit: commit.slice(0, 10)
    })
    expect(found.exitCode).toBe(0)
    const tasks = JSON.parse(found.outputs.data ?? '[]') as {
      task_id: number
      jobs: string[]
    }[]
    expect(tasks.map(t => t.task_id)).toContain(id)
    expect(tasks.find(t => t.task_id === id)?.jobs.length).toBeGreaterThan(0)
    const none = await act({
      operation: 'find-tasks',
      workflow: 'build-deploy',
      commit: '0000000'
    })
    expect(JSON.parse(none.outputs.data ?? '[]')).toEqual([])
  })

  it('lists workflows and tasks as JSON in the data output', async () => {
    const workflows = await act({ operation: 'list-workflows' })
    expect(workflows.exitCode).toBe(0)
    const list = JSON.parse(workflows.outputs.data ?? '[]') as {
      workflow_key: string
    }[]
    expect(list.map(w => w.workflow_key)).toEqual(
      expect.arrayContaining(['build-deploy', 'release-gate'])
    )
    const tasks = await act({
      operation: 'list-tasks',
      workflow: 'build-deploy',
      'page-size': '3'
    })
    const page = JSON.parse(tasks.outputs.data ?? '{}') as {
      total: number
      tasks: { task_id: number }[]
    }
    expect(page.tasks).toHaveLength(3)
    expect(page.total).toBeGreaterThanOrEqual(3)
    expect(
      sent('GET', '/openapi/workflows/custom/build-deploy/tasks')[0]?.query
    ).toMatchObject({ projectKey: 'demo', pageNum: '1', pageSize: '3' })
  })
  it('lists the image registries, without the project it does not use', async () => {
    const listed = await act({ operation: 'list-registries' })
    expect(listed.exitCode).toBe(0)
    expect(JSON.parse(listed.outputs.data ?? '[]')).toEqual([
      {
        registry_id: DEFAULT_REGISTRY_ID,
        address: 'https://harbor.example.com',
        namespace: 'library',
        provider: 'harbor',
        is_default: true
      }
    ])
    expect(sent('GET', '/openapi/system/registry')).toHaveLength(1)
    expect(visibleLog(listed.stdout)).toContain(
      'project is ignored by operation "list-registries"'
    )
  })
})

describe.each(DRIVERS)('operations on a current server (%s)', (_name, run) => {
  beforeEach(async () => {
    sim = await startSimulator({
      version: 'current',
      advancePerTaskPollMs: 30_000
    })
    driver = run
  })

  it('approves an approval job by its job-task name', async () => {
    const first = await startAndPark('release-gate-v3')
    const second = await onTask(
      'approve',
      'release-gate-v3',
      first,
      sim.tokens.alice
    )
    expect(second.exitCode).toBe(0)
    expect(second.outputs.result).toBe('success')
    const body = sent('POST', APPROVE)[0]?.body as { stage_name: string }
    expect(body.stage_name).toMatch(/^job-\d+-\d+-0-approve$/)
  })

  it('runs a code scan to its end and links the scanner result', async () => {
    const made = await act({
      operation: 'run-scan',
      scan: 'sonar',
      inputs:
        '{source: github, repo_owner: koderover, repo_name: demo-api, branch: main}'
    })
    expect(made.exitCode).toBe(0)
    expect(made.outputs).toMatchObject({ result: 'success', status: 'passed' })
    expect(made.summary).toContain(
      '[Scanner result](https://sonar.example.com/'
    )
    expect(sent('POST', '/openapi/quality/codescan/sonar/task')).toHaveLength(1)
  })

  it('cancels through the query string that current servers read', async () => {
    scriptBuild({ durationSec: 3600, outcome: 'passed' })
    const started = await act({ workflow: 'build-deploy', wait: 'false' })
    const run = await onTask('cancel', 'build-deploy', started)
    expect(run.outputs.result).toBe('cancelled')
  })
})
