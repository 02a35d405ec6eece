// Workflow views (reference 6) and the view filter of GET /openapi/workflows (3.1).
import type { Simulator } from '../../simulator/index.js'
import { DEFAULT_EPOCH_MS, startSimulator } from '../../simulator/index.js'
import { fixture } from '../helpers/fixtures.js'
import { call, internal } from '../helpers/sim-http.js'

const VIEWS = '/openapi/workflows/view'

function invalid(description: string) {
  return { ...(fixture('error-400-invalid-param.json') as object), description }
}

async function listed(sim: Simulator, query: string): Promise<string[]> {
  const r = await call(sim, 'GET', `/openapi/workflows?projectKey=demo${query}`)
  const body = r.json as { workflows: { workflow_key: string }[] }
  return body.workflows.map(w => w.workflow_key)
}

async function views(sim: Simulator) {
  return (await call(sim, 'GET', `${VIEWS}?projectKey=demo`)).json as {
    name: string
    update_by: string
    update_time: number
    workflows: { workflow_key: string; workflow_type: string }[]
  }[]
}

describe.each(['v1.7', 'current'] as const)('views on %s', version => {
  let sim: Simulator
  beforeEach(async () => {
    sim = await startSimulator({ version })
  })
  afterEach(async () => {
    await sim.close()
  })

  it('lists the seeded view as a bare array of enabled workflows', async () => {
    const r = await call(sim, 'GET', `${VIEWS}?projectKey=demo`)
    expect(r.status).toBe(200)
    // list-views.json has the same shape: release with one custom, one product.
    const sample = fixture('list-views.json') as Record<string, unknown>[]
    expect(Object.keys((r.json as object[])[0]!)).toEqual(
      Object.keys(sample[0]!)
    )
    expect(r.json).toEqual([
      {
        name: 'release',
        project_key: 'demo',
        update_time: 1690181000,
        update_by: 'admin',
        workflows: [
          { workflow_key: 'build-deploy', workflow_type: 'custom' },
          { workflow_key: 'legacy-deploy', workflow_type: 'product' }
        ]
      }
    ])
    expect((await call(sim, 'GET', `${VIEWS}?projectKey=x`)).json).toEqual([])
    const missing = await call(sim, 'GET', VIEWS)
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual(invalid('projectKey is required'))
  })

  it('creates a view with every entry enabled', async () => {
    sim.clock.advance(5_000)
    const body = {
      project_key: 'demo',
      name: 'ops',
      workflow_list: [
        { workflow_key: 'release-gate', workflow_type: 'custom' },
        { workflow_key: 'legacy-deploy', workflow_type: 'product' }
      ]
    }
    const r = await call(sim, 'POST', VIEWS, body, { token: sim.tokens.bob })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ message: 'success' })
    const ops = (await views(sim)).find(v => v.name === 'ops')
    expect(ops).toEqual({
      name: 'ops',
      project_key: 'demo',
      update_time: Math.floor(DEFAULT_EPOCH_MS / 1000) + 5,
      update_by: 'bob',
      workflows: [
        { workflow_key: 'release-gate', workflow_type: 'custom' },
        { workflow_key: 'legacy-deploy', workflow_type: 'product' }
      ]
    })
  })

  it('refuses bad create bodies the way the handler does', async () => {
    const dup = await call(
      sim,
      'POST',
      VIEWS,
      fixture('create-view-request.json')
    )
    expect(dup.status).toBe(400)
    expect(dup.json).toMatchObject({ code: 6892, message: '创建视图失败' })
    expect((dup.json as { description: string }).description).toContain(
      'E11000 duplicate key error'
    )
    const cases: [unknown, string][] = [
      [{ name: 'a', workflow_list: [] }, 'projectKey cannot be empty'],
      [{ project_key: 'demo', workflow_list: [] }, 'view name cannot be empty'],
      [
        {
          project_key: 'demo',
          name: 'a',
          workflow_list: [{ workflow_key: 'x', workflow_type: 'freestyle' }]
        },
        'workflow type must be custom or product'
      ]
    ]
    for (const [body, description] of cases) {
      const r = await call(sim, 'POST', VIEWS, body)
      expect([r.status, r.json]).toEqual([400, invalid(description)])
    }
    // Must-bind failures: 400 with an empty body (reference 2.1 c).
    for (const raw of ['', 'not json', '{"workflow_list":"x"}']) {
      const r = await call(sim, 'POST', VIEWS, raw)
      expect([r.status, r.text]).toEqual([400, ''])
    }
  })

  it('updates a view: new entries only when enabled, existing ones toggled', async () => {
    const workflow_list = [
      { workflow_key: 'release-gate', workflow_type: 'custom', enabled: true },
      { workflow_key: 'build-deploy', workflow_type: 'custom', enabled: false },
      {
        workflow_key: 'release-gate-v3',
        workflow_type: 'custom',
        enabled: false
      },
      { workflow_key: 'brand-new', workflow_type: 'custom', enabled: true }
    ]
    const path = `${VIEWS}/release?projectKey=demo`
    const r = await call(
      sim,
      'PUT',
      path,
      { workflow_list },
      { token: sim.tokens.alice }
    )
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    const [release] = await views(sim)
    expect(release?.update_by).toBe('alice')
    expect(release?.workflows.map(w => w.workflow_key)).toEqual([
      'legacy-deploy',
      'release-gate',
      'brand-new'
    ])
    // Re-enabling a stored but disabled entry brings it back.
    const again = [
      { workflow_key: 'build-deploy', workflow_type: 'custom', enabled: true }
    ]
    await call(sim, 'PUT', path, { workflow_list: again })
    expect((await views(sim))[0]?.workflows).toHaveLength(4)
  })

  it('refuses bad updates', async () => {
    const entry = { workflow_key: 'x', workflow_type: 'custom', enabled: true }
    const noProject = await call(sim, 'PUT', `${VIEWS}/release`, {
      workflow_list: [entry]
    })
    expect(noProject.json).toEqual(invalid('projectKey cannot be empty'))
    const dup = await call(sim, 'PUT', `${VIEWS}/release?projectKey=demo`, {
      workflow_list: [entry, entry]
    })
    expect([dup.status, dup.json]).toEqual([
      500,
      internal('workflow name duplicated')
    ])
    const unknown = await call(sim, 'PUT', `${VIEWS}/nope?projectKey=demo`, {
      workflow_list: [entry]
    })
    expect(unknown.status).toBe(500)
    expect(unknown.json).toMatchObject({
      description: 'failed to find workflow view nope for project demo'
    })
    const bad = await call(sim, 'PUT', `${VIEWS}/release?projectKey=demo`, 'x')
    expect([bad.status, bad.text]).toEqual([400, ''])
  })

  it('deletes a view', async () => {
    const missing = await call(sim, 'DELETE', `${VIEWS}/release`)
    expect(missing.json).toEqual(invalid('projectKey is required'))
    const unknown = await call(sim, 'DELETE', `${VIEWS}/nope?projectKey=demo`)
    expect([unknown.status, unknown.json]).toEqual([
      400,
      {
        type: 'error',
        message: '删除视图失败',
        code: 6894,
        description: 'find workflow view error: mongo: no documents in result',
        extra: {}
      }
    ])
    const r = await call(sim, 'DELETE', `${VIEWS}/release?projectKey=demo`)
    expect([r.status, r.json]).toEqual([200, { message: 'success' }])
    expect(await views(sim)).toEqual([])
  })

  it('filters GET /openapi/workflows by view with the reference 3.1 quirks', async () => {
    expect(await listed(sim, '&viewName=release')).toEqual([
      'build-deploy',
      'legacy-deploy'
    ])
    const all = [
      'build-deploy',
      'release-gate',
      'release-gate-v3',
      'legacy-deploy'
    ]
    // Unknown view: everything.
    expect(await listed(sim, '&viewName=nope')).toEqual(all)
    const create = (name: string, list: object[]) =>
      call(sim, 'POST', VIEWS, {
        project_key: 'demo',
        name,
        workflow_list: list
      })
    await create('customs', [
      { workflow_key: 'release-gate', workflow_type: 'custom' }
    ])
    await create('products', [
      { workflow_key: 'legacy-deploy', workflow_type: 'product' }
    ])
    await create('empty', [])
    // No product workflow in the view: every product workflow is listed.
    expect(await listed(sim, '&viewName=customs')).toEqual([
      'release-gate',
      'legacy-deploy'
    ])
    expect(await listed(sim, '&viewName=products')).toEqual(all)
    expect(await listed(sim, '&viewName=empty')).toEqual(all)
  })
})
