// The simulator's HTTP surface: auth, routing, catalog reads, task lists, polling.
import { readFileSync } from 'node:fs'
import type { Simulator } from '../simulator/index.js'
import { startSimulator } from '../simulator/index.js'
import type {
  TaskDetail,
  TaskList,
  WorkflowDetail
} from '../src/zadig/types.js'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      new URL(`fixtures/zadigx-api/${name}`, import.meta.url),
      'utf8'
    )
  ) as Record<string, unknown>

interface Reply {
  status: number
  type: string | null
  text: string
  json: unknown
}

async function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { Authorization: `Bearer ${sim.token}` }
): Promise<Reply> {
  const res = await fetch(sim.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  const type = res.headers.get('content-type')
  const json: unknown = type?.includes('json') ? JSON.parse(text) : undefined
  return { status: res.status, type, text, json }
}

const keys = (value: unknown): string[] =>
  Object.keys(value as Record<string, unknown>).sort()

describe('simulator HTTP surface', () => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator()
  })
  afterEach(async () => {
    await sim.close()
  })

  it('binds 127.0.0.1 and hands out JWT-shaped tokens per user', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.keys(sim.tokens).sort()).toEqual(['admin', 'alice', 'bob'])
    const [header, payload, signature] = sim.tokens.alice!.split('.')
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT'
    })
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    expect(claims).toMatchObject({
      name: 'alice',
      preferred_username: 'alice',
      uid: 'uid-alice',
      email: 'alice@example.com'
    })
    expect(claims.exp * 1000).toBeGreaterThan(Date.now() + 10 * 365 * 864e5)
    expect(signature).toMatch(/^[\w-]{20,}$/)
  })

  it.each([
    ['no header', {}],
    ['wrong token', { Authorization: 'Bearer nope' }],
    ['lower-case scheme', { Authorization: 'bearer TOKEN' }],
    ['two spaces', { Authorization: 'Bearer  TOKEN' }]
  ])('answers 401 with an empty body for %s', async (_, raw) => {
    const headers = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, v.replace('TOKEN', sim.token)])
    )
    const r = await call(
      sim,
      'GET',
      '/openapi/workflows?projectKey=demo',
      undefined,
      headers
    )
    expect(r.status).toBe(401)
    expect(r.text).toBe('')
    expect(sim.requests.at(-1)).toMatchObject({ status: 401 })
    expect(sim.requests.at(-1)?.user).toBeUndefined()
  })

  it('accepts the token in the query string and records the user', async () => {
    const path = `/openapi/workflows?projectKey=demo&token=${sim.tokens.bob}`
    const r = await call(sim, 'GET', path, undefined, {})
    expect(r.status).toBe(200)
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/openapi/workflows',
      query: { projectKey: 'demo' },
      status: 200,
      user: 'bob'
    })
  })

  it('answers unknown routes with gin 404 text', async () => {
    const r = await call(sim, 'GET', '/no/such/route')
    expect(r.status).toBe(404)
    expect(r.type).toBe('text/plain')
    expect(r.text).toBe(
      readFileSync(
        new URL('fixtures/zadigx-api/error-404-route.txt', import.meta.url),
        'utf8'
      ).trim()
    )
    const wrongMethod = await call(sim, 'PUT', '/openapi/workflows/custom/task')
    expect(wrongMethod.status).toBe(404)
  })

  it('lists the workflows of a project, and requires projectKey', async () => {
    const r = await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
    expect(r.type).toBe('application/json; charset=utf-8')
    const { workflows } = r.json as { workflows: { workflow_key: string }[] }
    expect(workflows.map(w => w.workflow_key)).toEqual([
      'build-deploy',
      'release-gate',
      'release-gate-v3'
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

  it('runs hooks before routing and auth', async () => {
    sim.use(({ request }) =>
      request.path === '/openapi/workflows'
        ? { status: 503, body: { busy: true } }
        : undefined
    )
    const r = await call(
      sim,
      'GET',
      '/openapi/workflows?projectKey=demo',
      undefined,
      {}
    )
    expect([r.status, r.json]).toEqual([503, { busy: true }])
    expect(sim.requests.at(-1)?.status).toBe(503)
  })
})

describe('simulator options', () => {
  it('advances virtual time on each task-detail poll', async () => {
    const sim = await startSimulator({ advancePerTaskPollMs: 30_000 })
    try {
      const start = sim.clock.now()
      const trigger = await call(
        sim,
        'POST',
        '/openapi/workflows/custom/task',
        {
          workflow_key: 'build-deploy',
          inputs: [{ job_name: 'deploy-nothing', parameters: {} }]
        }
      )
      const { task_id } = trigger.json as { task_id: number }
      const path = `/openapi/workflows/custom/task?taskId=${task_id}&workflowKey=build-deploy`
      const first = (await call(sim, 'GET', path)).json as TaskDetail
      expect(sim.clock.now() - start).toBe(30_000)
      expect(first.status).toBe('passed')
      await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
      expect(sim.clock.now() - start).toBe(30_000)
    } finally {
      await sim.close()
    }
  })

  it('echoes projectKey and hides stage approvals on a current server', async () => {
    const sim = await startSimulator({ version: 'current' })
    try {
      const detail = await call(
        sim,
        'GET',
        '/openapi/workflows/custom/build-deploy/detail?projectKey=x'
      )
      expect(detail.json).toMatchObject({ project_key: 'x' })
      expect((detail.json as WorkflowDetail).stages?.[0]).not.toHaveProperty(
        'approval'
      )
    } finally {
      await sim.close()
    }
  })

  it('serves a custom catalog and an explicit port', async () => {
    const base = await startSimulator()
    const { port } = new URL(base.url)
    await base.close()
    const sim = await startSimulator({
      port: Number(port),
      workflows: [
        {
          ...base.workflow('build-deploy'),
          key: 'solo',
          project: 'p2',
          history: []
        }
      ]
    })
    try {
      expect(sim.url).toBe(base.url)
      const r = await call(sim, 'GET', '/openapi/workflows?projectKey=p2')
      expect(r.json).toMatchObject({ workflows: [{ workflow_key: 'solo' }] })
      expect(sim.tasks('solo')).toEqual([])
    } finally {
      await sim.close()
    }
  })
})
