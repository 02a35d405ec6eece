// Catalog and task reads: workflow list and detail, task list and detail, system lists.
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import type {
  TaskDetail,
  TaskList,
  WorkflowDetail
} from '../../src/zadig/types.js'
import { fixture, keys } from '../helpers/fixtures.js'
import { call } from '../helpers/sim-http.js'

describe('simulator catalog and task reads', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('lists the workflows of a project, and requires projectKey', async () => {
    const r = await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
    expect(r.type).toBe('application/json; charset=utf-8')
    const { workflows } = r.json as {
      workflows: { workflow_key: string; type: string }[]
    }
    // Custom workflows first, then product workflows (reference 3.1).
    expect(workflows.map(w => [w.workflow_key, w.type])).toEqual([
      ['build-deploy', 'custom'],
      ['release-gate', 'custom'],
      ['release-gate-v3', 'custom'],
      ['legacy-deploy', 'product']
    ])
    const sample = fixture('list-workflows.json').workflows as unknown[]
    expect(keys(workflows[0])).toEqual(keys(sample[0]))
    const other = await call(sim, 'GET', '/openapi/workflows?projectKey=other')
    expect(other.json).toEqual({ workflows: [] })
    const missing = await call(sim, 'GET', '/openapi/workflows')
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual(fixture('error-400-invalid-param.json'))
  })

  it('shows v1.7 workflow detail with the Go-cased approval quirk', async () => {
    const path = '/openapi/workflows/custom/release-gate/detail?projectKey=demo'
    const detail = (await call(sim, 'GET', path)).json as WorkflowDetail
    const sample = fixture('workflow-detail.json') as unknown as WorkflowDetail
    expect(keys(detail)).toEqual(keys(sample))
    expect(detail.stages?.map(s => s.name)).toEqual([
      'build',
      'deploy',
      'release'
    ])
    expect(detail.stages?.[2]?.approval).toEqual({
      enabled: true,
      type: 'native',
      description: 'release gate',
      native_approval: {
        Timeout: 60,
        approve_users: [{ user_name: 'alice', user_id: 'uid-alice' }],
        NeededApprovers: 0
      }
    })
    expect(detail.stages?.[0]).toEqual({
      ...sample.stages?.[0],
      jobs: [sample.stages?.[0]?.jobs?.[0]]
    })
    expect(detail.stages?.[1]).toEqual(sample.stages?.[1])
  })

  it('shows approval jobs, not stage approvals, for the current model', async () => {
    const path =
      '/openapi/workflows/custom/release-gate-v3/detail?projectKey=demo'
    const detail = (await call(sim, 'GET', path)).json as WorkflowDetail
    expect(detail.stages?.every(s => !('approval' in s))).toBe(true)
    const job = detail.stages?.[2]?.jobs?.[0]
    expect(job).toMatchObject({ name: 'approve', type: 'approval' })
    expect(job?.spec?.native_approval).toMatchObject({
      approve_users: [{ user_name: 'alice', user_id: 'uid-alice' }]
    })
  })

  it('reports detail errors: projectKey required, unknown workflow 500', async () => {
    const base = '/openapi/workflows/custom'
    const noProject = await call(sim, 'GET', `${base}/build-deploy/detail`)
    expect(noProject.status).toBe(400)
    expect(noProject.json).toMatchObject({
      code: 400,
      description: 'projectKey is required'
    })
    const unknown = await call(
      sim,
      'GET',
      `${base}/nope/detail?projectKey=demo`
    )
    expect(unknown.status).toBe(500)
    expect(unknown.json).toEqual(fixture('error-500-task-not-found.json'))
  })

  it('lists seeded tasks newest first, paged, and empty without projectKey', async () => {
    const base = '/openapi/workflows/custom/build-deploy/tasks'
    const list = (await call(sim, 'GET', `${base}?projectKey=demo`))
      .json as TaskList
    expect(list.total).toBe(10)
    const rows = list.workflow_tasks ?? []
    expect(rows.map(t => t.task_id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    const sample = fixture('list-tasks.json').workflow_tasks as unknown[]
    expect(keys(rows[0])).toEqual(keys(sample[0]))
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'passed', task_creator: 'admin' })
      const minutes = (row.end_time! - row.start_time!) / 60
      expect(minutes).toBeGreaterThanOrEqual(8)
      expect(minutes).toBeLessThanOrEqual(12)
    }
    const page = (
      await call(sim, 'GET', `${base}?projectKey=demo&pageNum=2&pageSize=3`)
    ).json as TaskList
    expect(page.total).toBe(10)
    expect(page.workflow_tasks?.map(t => t.task_id)).toEqual([7, 6, 5])
    const none = await call(sim, 'GET', base)
    expect(none.status).toBe(200)
    expect(none.text).toBe('{"total":0,"workflow_tasks":[]}')
    const bad = await call(sim, 'GET', `${base}?projectKey=demo&pageNum=x`)
    expect(bad.status).toBe(400)
    expect(bad.text).toBe('')
  })

  it('keeps seeded stage timings in task detail', async () => {
    const r = await call(
      sim,
      'GET',
      '/openapi/workflows/custom/task?taskId=3&workflowKey=release-gate'
    )
    const task = r.json as TaskDetail
    expect(task.status).toBe('passed')
    expect(task.stages?.map(s => s.status)).toEqual([
      'passed',
      'passed',
      'passed'
    ])
    for (const stage of task.stages ?? []) {
      expect(stage.end_time).toBeGreaterThan(stage.start_time ?? Infinity)
    }
    expect(task.stages?.[2]?.approval?.status).toBe('passed')
  })

  it('answers task-detail errors per reference 3.4', async () => {
    const base = '/openapi/workflows/custom/task'
    const bad = await call(
      sim,
      'GET',
      `${base}?taskId=abc&workflowKey=build-deploy`
    )
    expect([bad.status, bad.text]).toEqual([400, ''])
    const unknown = await call(
      sim,
      'GET',
      `${base}?taskId=999&workflowKey=build-deploy`
    )
    expect(unknown.status).toBe(500)
    expect(unknown.json).toEqual(fixture('error-500-task-not-found.json'))
    const missing = await call(sim, 'GET', `${base}?workflowKey=build-deploy`)
    expect(missing.status).toBe(500)
  })

  it('lists the registry and the code hosts', async () => {
    const registries = await call(sim, 'GET', '/openapi/system/registry')
    expect(registries.json).toEqual(fixture('registry-list.json'))
    const hosts = await call(sim, 'GET', '/api/aslan/code/codehost')
    expect(hosts.json).toEqual([
      expect.objectContaining({
        id: 1,
        alias: 'gitlab-main',
        type: 'gitlab',
        address: 'https://gitlab.example.com',
        namespace: 'demo-group'
      }),
      expect.objectContaining({
        id: 2,
        alias: 'github',
        type: 'github',
        namespace: 'acme'
      })
    ])
  })
})
