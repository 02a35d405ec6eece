// Product (legacy) workflows: the OpenAPI routes and the directory API (reference 5).
import type { Simulator } from '../../simulator/index.js'
import { simulatedCommit, startSimulator } from '../../simulator/index.js'
import { fixture } from '../helpers/fixtures.js'
import { call, internal } from '../helpers/sim-http.js'

const BASE = '/openapi/workflows/product'
const DIR = '/api/directory/workflowTask'
const keys = (v: unknown) => Object.keys(v as object)

function body(input: Record<string, unknown> = {}) {
  const sample = fixture('product-trigger-request.json') as {
    input: Record<string, unknown>
  }
  return {
    ...sample,
    workflow_key: 'legacy-deploy',
    input: { ...sample.input, ...input }
  }
}

interface ProductDetail {
  task_id: number
  status: string
  start_time: number
  end_time: number
}

async function detail(sim: Simulator, id: number): Promise<ProductDetail> {
  const r = await call(
    sim,
    'GET',
    `${BASE}/legacy-deploy/task/${id}?projectKey=demo`
  )
  return r.json as ProductDetail
}

async function trigger(sim: Simulator, input?: Record<string, unknown>) {
  const r = await call(sim, 'POST', `${BASE}/task`, body(input))
  expect(r.status).toBe(200)
  return (r.json as { task_id: number }).task_id
}

const BRANCH = (branch: string) => ({
  build: {
    enabled: true,
    service_list: [
      {
        service_name: 'svc-a',
        service_module: 'svc-a',
        repo_info: [
          {
            codehost_name: 'gitlab-main',
            repo_namespace: 'demo-group',
            repo_name: 'svc-a',
            branch
          }
        ]
      }
    ]
  },
  deploy: { enabled: true, source: 'zadig', service_list: [] }
})

describe('product workflows on v1.7', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version: 'v1.7' })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('lists seeded tasks as a bare array, newest first', async () => {
    const r = await call(
      sim,
      'GET',
      `${BASE}/legacy-deploy/tasks?projectKey=demo`
    )
    const rows = r.json as { task_id: number; status: string }[]
    expect(rows.map(t => [t.task_id, t.status])).toEqual([
      [3, 'passed'],
      [2, 'failed'],
      [1, 'passed']
    ])
    const sample = fixture('product-task-list.json') as unknown[]
    expect(keys(rows[0])).toEqual(keys(sample[0]))
    const page = await call(
      sim,
      'GET',
      `${BASE}/legacy-deploy/tasks?projectKey=demo&pageNum=2&pageSize=2`
    )
    expect((page.json as { task_id: number }[]).map(t => t.task_id)).toEqual([
      1
    ])
    const other = await call(
      sim,
      'GET',
      `${BASE}/legacy-deploy/tasks?projectKey=x`
    )
    // Required, but not a filter (source-audit S8).
    expect((other.json as unknown[]).length).toBe(3)
    const missing = await call(sim, 'GET', `${BASE}/legacy-deploy/tasks`)
    expect([missing.status, missing.json]).toMatchObject([
      400,
      { code: 400, description: 'projectKey is required' }
    ])
    const bad = await call(
      sim,
      'GET',
      `${BASE}/legacy-deploy/tasks?projectKey=demo&pageNum=x`
    )
    expect([bad.status, bad.text]).toEqual([400, ''])
  })

  it('shows task detail without stages, and its errors', async () => {
    const one = await detail(sim, 3)
    expect(keys(one)).toEqual(keys(fixture('product-task-detail.json')))
    expect(one).toMatchObject({ task_id: 3, status: 'passed' })
    const path = `${BASE}/legacy-deploy/task`
    const noProject = await call(sim, 'GET', `${path}/3`)
    expect(noProject.json).toMatchObject({
      description: 'projectKey is required'
    })
    const badId = await call(sim, 'GET', `${path}/abc?projectKey=demo`)
    expect([badId.status, badId.json]).toMatchObject([
      400,
      { description: 'taskID is required' }
    ])
    const unknown = await call(sim, 'GET', `${path}/99?projectKey=demo`)
    // e.ErrGetTask (source-audit S7).
    expect([unknown.status, unknown.json]).toEqual([
      400,
      {
        type: 'error',
        message: '获取工作流任务失败',
        code: 6161,
        description: '',
        extra: {}
      }
    ])
  })

  it('triggers a task that goes waiting -> running -> passed', async () => {
    const r = await call(sim, 'POST', `${BASE}/task`, body())
    expect(keys(r.json)).toEqual(keys(fixture('product-trigger-response.json')))
    expect(r.json).toEqual({
      project_name: 'demo',
      pipeline_name: 'legacy-deploy',
      task_id: 4
    })
    expect((await detail(sim, 4)).status).toBe('waiting')
    sim.clock.advance(2_000)
    expect((await detail(sim, 4)).status).toBe('running')
    sim.clock.advance(120_000 + 59_000)
    expect((await detail(sim, 4)).status).toBe('running')
    sim.clock.advance(1_000)
    const done = await detail(sim, 4)
    expect(done.status).toBe('passed')
    expect(done.end_time - done.start_time).toBe(180)
    expect(sim.productTasks('legacy-deploy').at(-1)).toMatchObject({
      task_id: 4,
      env: 'dev',
      task_creator: 'admin'
    })
  })

  it('follows scripts per attempt; the directory API restarts the same task', async () => {
    sim.productWorkflow('legacy-deploy').build = {
      durationSec: 10,
      outcome: ['failed', 'passed']
    }
    const id = await trigger(sim)
    sim.clock.advance(12_000)
    expect((await detail(sim, id)).status).toBe('failed')
    const path = `${DIR}/id/${id}/pipelines/legacy-deploy/restart`
    const restart = await call(sim, 'POST', path)
    expect([restart.status, restart.json]).toEqual([
      200,
      fixture('directory-cancel-response.json')
    ])
    expect((await detail(sim, id)).status).toBe('waiting')
    sim.clock.advance(2_000 + 10_000 + 60_000)
    expect((await detail(sim, id)).status).toBe('passed')
    const again = await call(sim, 'POST', path)
    expect([again.status, again.json]).toEqual([
      200,
      { resultCode: 500, errorMsg: 'fail' }
    ])
  })

  it('cancels through the directory API, answering 200 either way', async () => {
    const id = await trigger(sim)
    sim.clock.advance(5_000)
    const path = `${DIR}/id/${id}/pipelines/legacy-deploy/cancel`
    const r = await call(sim, 'POST', path)
    expect([r.status, r.json]).toEqual([
      200,
      { resultCode: 0, errorMsg: 'success' }
    ])
    expect(await detail(sim, id)).toMatchObject({ status: 'cancelled' })
    const twice = await call(sim, 'POST', path)
    expect(twice.json).toEqual({ resultCode: 500, errorMsg: 'fail' })
    const unknown = await call(
      sim,
      'POST',
      `${DIR}/id/99/pipelines/legacy-deploy/cancel`
    )
    expect(unknown.json).toEqual({ resultCode: 500, errorMsg: 'fail' })
    const badId = await call(
      sim,
      'POST',
      `${DIR}/id/x/pipelines/legacy-deploy/cancel`
    )
    expect(badId.json).toEqual({ resultCode: 500, errorMsg: 'fail' })
  })

  it('answers find-by-commit with the plain 500 of picket: its aslan route is gone (row 3)', async () => {
    await trigger(sim, BRANCH('feature-x'))
    const sha = simulatedCommit('demo-group', 'svc-a', 'feature-x')
    expect(sim.productTasks('legacy-deploy').at(-1)?.commit_ids).toEqual([sha])
    const found = await call(sim, 'GET', `${DIR}?commitId=${sha}`)
    expect([found.status, found.json]).toEqual([
      500,
      internal('[404 NotFound] Invalid path: /api/workflow/v2/status/task/info')
    ])
  })

  it('applies the trigger body rules', async () => {
    const post = (b: unknown) => call(sim, 'POST', `${BASE}/task`, b)
    const noInput: Record<string, unknown> = body()
    delete noInput.input
    expect((await post(noInput)).json).toMatchObject({
      code: 400,
      description: 'input cannot be empty'
    })
    expect((await post({ ...body(), workflow_key: '' })).json).toMatchObject({
      description: 'workflowKey cannot be empty'
    })
    expect((await post({ ...body(), project_key: '' })).json).toMatchObject({
      description: 'projectKey cannot be empty'
    })
    const source = await post(
      body({ deploy: { enabled: true, source: 'other' } })
    )
    expect([source.status, source.json]).toEqual([
      500,
      internal('deploy source must be zadig when there is a build stage')
    ])
    const nothing = await post(
      body({ build: { enabled: false }, deploy: { enabled: false } })
    )
    expect(nothing.json).toMatchObject({
      code: 6160,
      description: '未配置工作流子任务'
    })
    const unknown = await post({ ...body(), workflow_key: 'ghost' })
    expect(unknown.json).toMatchObject({
      code: 6542,
      description: 'mongo: no documents in result'
    })
    const env = await post(body({ target_env: 'prod' }))
    expect(env.json).toMatchObject({ code: 6068, message: '获取环境失败' })
    const host = BRANCH('main')
    host.build.service_list[0]!.repo_info[0]!.codehost_name = 'nope'
    expect((await post(body(host))).json).toMatchObject({
      code: 500,
      description: 'failed to find code host with name:nope'
    })
    for (const raw of ['', 'nope', '{"input":"x"}']) {
      const r = await post(raw)
      expect([r.status, r.text]).toEqual([400, ''])
    }
  })

  it('runs only the enabled phases', async () => {
    const buildOnly = await trigger(sim, { deploy: { enabled: false } })
    const deployOnly = await trigger(sim, {
      build: { enabled: false },
      deploy: {
        enabled: true,
        source: 'runtime',
        service_list: [
          { service_name: 'svc-a', service_module: 'svc-a', image_name: 'x:1' }
        ]
      }
    })
    sim.clock.advance(2_000 + 60_000)
    expect((await detail(sim, deployOnly)).status).toBe('passed')
    expect((await detail(sim, buildOnly)).status).toBe('running')
    sim.clock.advance(60_000)
    expect((await detail(sim, buildOnly)).status).toBe('passed')
    expect(sim.productTasks('legacy-deploy').at(-1)?.commit_ids).toEqual([])
  })

  it('deletes a product workflow and its tasks', async () => {
    const missing = await call(sim, 'DELETE', `${BASE}?projectKey=demo`)
    expect(missing.json).toMatchObject({
      description: 'workflowKey is required'
    })
    const unknown = await call(
      sim,
      'DELETE',
      `${BASE}?workflowKey=ghost&projectKey=demo`
    )
    expect(unknown.json).toMatchObject({ code: 6543 })
    const r = await call(
      sim,
      'DELETE',
      `${BASE}?workflowKey=legacy-deploy&projectKey=demo`
    )
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    const list = await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
    expect(JSON.stringify(list.json)).not.toContain('legacy-deploy')
    expect(sim.productTasks('legacy-deploy')).toEqual([])
  })
})

describe('product workflows elsewhere', () => {
  it('advances virtual time on each product task-detail poll', async () => {
    const sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    try {
      const id = await trigger(sim)
      const seen: string[] = []
      for (let i = 0; i < 8; i++) seen.push((await detail(sim, id)).status)
      expect(seen.slice(0, 2)).toEqual(['running', 'running'])
      expect(seen.at(-1)).toBe('passed')
    } finally {
      await sim.close()
    }
  })

  it('has no /openapi product routes on current, and the directory API fails', async () => {
    const sim = await startSimulator({ version: 'current' })
    try {
      const list = await call(
        sim,
        'GET',
        `${BASE}/legacy-deploy/tasks?projectKey=demo`
      )
      expect([list.status, list.type, list.text]).toEqual([
        404,
        'text/plain; charset=utf-8',
        'Invalid path: /openapi/workflows/product/legacy-deploy/tasks'
      ])
      expect((await call(sim, 'POST', `${BASE}/task`, body())).status).toBe(404)
      expect(
        (await call(sim, 'GET', `${BASE}/legacy-deploy/task/1?projectKey=demo`))
          .status
      ).toBe(404)
      expect(
        (await call(sim, 'DELETE', `${BASE}?workflowKey=legacy-deploy`)).status
      ).toBe(404)
      const workflows = await call(
        sim,
        'GET',
        '/openapi/workflows?projectKey=demo'
      )
      expect(JSON.stringify(workflows.json)).toContain('"type":"product"')
      // Its aslan routes are gone from v3.4.1: picket answers "fail".
      const restart = await call(
        sim,
        'POST',
        `${DIR}/id/2/pipelines/legacy-deploy/restart`
      )
      expect(restart.json).toEqual({ resultCode: 500, errorMsg: 'fail' })
    } finally {
      await sim.close()
    }
  })
})
