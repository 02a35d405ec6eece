// The simulator's HTTP surface: tokens, auth, routing, hooks and start options.
import type { Simulator } from '../../simulator/index.js'
import { startSimulator } from '../../simulator/index.js'
import type { WorkflowDetail } from '../../src/zadig/types.js'
import { call, detail, trigger } from '../helpers/sim-http.js'

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
    expect(Object.keys(sim.tokens).sort()).toEqual([
      'admin',
      'alice',
      'bob',
      'carol'
    ])
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
      { headers }
    )
    expect(r.status).toBe(401)
    expect(r.text).toBe('')
    expect(sim.requests.at(-1)).toMatchObject({ status: 401 })
    expect(sim.requests.at(-1)?.user).toBeUndefined()
  })

  it('accepts the token in the query string and records the user', async () => {
    const path = `/openapi/workflows?projectKey=demo&token=${sim.tokens.bob}`
    const r = await call(sim, 'GET', path, undefined, { headers: {} })
    expect(r.status).toBe(200)
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/openapi/workflows',
      query: { projectKey: 'demo' },
      status: 200,
      // v1.18's aslan reads only the header: a query-token caller is "system".
      user: 'system'
    })
  })

  it("answers unknown routes and methods with aslan's own texts", async () => {
    const r = await call(sim, 'GET', '/openapi/no/such/route')
    expect([r.status, r.type, r.text]).toEqual([
      404,
      'text/plain; charset=utf-8',
      'Invalid path: /openapi/no/such/route'
    ])
    const ui = await call(sim, 'GET', '/api/aslan/no/such')
    expect(ui.text).toBe('Invalid path: /api/no/such')
    const wrongMethod = await call(sim, 'PUT', '/openapi/workflows/custom/task')
    expect([wrongMethod.status, wrongMethod.text]).toEqual([
      405,
      'Method not allowed: PUT /openapi/workflows/custom/task'
    ])
    const anonymous = await call(sim, 'GET', '/no/such', undefined, {
      headers: {}
    })
    expect([anonymous.status, anonymous.text]).toEqual([401, ''])
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
      const id = await trigger(sim)
      const first = await detail(sim, id)
      expect(sim.clock.now() - start).toBe(30_000)
      expect(first.status).toBe('running')
      await call(sim, 'GET', '/openapi/workflows?projectKey=demo')
      expect(sim.clock.now() - start).toBe(30_000)
    } finally {
      await sim.close()
    }
  })

  it('echoes projectKey and hides stage approvals on a current server', async () => {
    const sim = await startSimulator({ version: 'current' })
    try {
      const stored = await call(
        sim,
        'GET',
        '/openapi/workflows/custom/build-deploy/detail?projectKey=x'
      )
      expect(stored.json).toMatchObject({ project_key: 'x' })
      expect((stored.json as WorkflowDetail).stages?.[0]).not.toHaveProperty(
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
