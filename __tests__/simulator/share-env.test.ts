// The simulator's share-env model: the ready route per profile (v2.2+) as the server
// answers it, a base marked in share-env mode, and the create's sub_env (v4.2+;
// dropped before) (docs/zadigx-api.md#env-share-ready, #env-create).
import {
  ENV_TIMING,
  startSimulator,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { call } from '../helpers/sim-http.js'

let sim: Simulator

async function serve(version: ServerVersion): Promise<void> {
  sim = await startSimulator({ version })
}

afterEach(async () => {
  await sim?.close()
})

const ready = (op: string, env = 'dev', query = '?projectKey=demo') =>
  `/openapi/environments/${env}/check/sharenv/${op}/ready${query}`

const CREATE = {
  env_key: 'pr-7',
  cluster_id: 'cluster-1',
  namespace: 'demo-env-pr-7',
  registry_id: 'reg-1',
  services: [{ service_name: 'svc-a', containers: [] }],
  sub_env: { enable: true, base_env: 'dev' }
}

describe('GET …/:name/check/sharenv/:op/ready', () => {
  it('is not served before v2.2', async () => {
    await serve('v2.0')
    const res = await call(sim, 'GET', ready('enable'))
    expect([res.status, res.text]).toEqual([
      404,
      expect.stringContaining('Invalid path')
    ])
  })

  it('says a plain environment is not ready for enable, and ready for disable', async () => {
    await serve('v2.2')
    expect((await call(sim, 'GET', ready('enable'))).json).toEqual({
      is_ready: false,
      checks: {
        namespace_has_istio_label: false,
        virtualservice_deployed: false,
        pods_have_istio_proxy: false,
        workloads_ready: true,
        workloads_have_k8s_service: true
      }
    })
    expect((await call(sim, 'GET', ready('disable'))).json).toMatchObject({
      is_ready: true
    })
  })

  it('says a share-env base is ready for enable once its pods are', async () => {
    await serve('v5.0')
    sim.environment('dev').shareEnv = { isBase: true }
    expect((await call(sim, 'GET', ready('enable'))).json).toMatchObject({
      is_ready: true
    })
    const svc = sim.environment('dev').services[0]!
    svc.pods.push({
      name: 'starting',
      image: svc.image,
      createdMs: sim.clock.now(),
      readyMs: sim.clock.now() + 60_000
    })
    expect((await call(sim, 'GET', ready('enable'))).json).toMatchObject({
      is_ready: false,
      checks: { workloads_ready: false }
    })
  })

  it('refuses as the server does: no projectKey, no right, no environment', async () => {
    await serve('v5.0')
    expect((await call(sim, 'GET', ready('enable', 'dev', ''))).status).toBe(
      400
    )
    const carol = await call(sim, 'GET', ready('enable'), undefined, {
      token: sim.tokens.carol
    })
    expect([carol.status, carol.text]).toEqual([403, ''])
    const missing = await call(sim, 'GET', ready('enable', 'nope'))
    expect(missing.status).toBe(500)
    expect(missing.text).toContain('mongo: no documents in result')
  })
})

describe('POST /openapi/environments with sub_env', () => {
  it('makes a sub-environment of its base on v5.0 (v4.2+)', async () => {
    await serve('v5.0')
    const res = await call(
      sim,
      'POST',
      '/openapi/environments?projectKey=demo',
      CREATE
    )
    expect(res.json).toEqual({ message: 'success' })
    expect(sim.environment('pr-7').shareEnv).toEqual({
      isBase: false,
      baseEnv: 'dev'
    })
  })

  it('drops it on v4.1 (a full copy), and fails a sub-environment without its base', async () => {
    await serve('v4.1')
    await call(sim, 'POST', '/openapi/environments?projectKey=demo', CREATE)
    expect(sim.environment('pr-7').shareEnv).toBeUndefined()
    await sim.close()
    await serve('v5.0')
    await call(sim, 'POST', '/openapi/environments?projectKey=demo', {
      ...CREATE,
      sub_env: { enable: true, base_env: 'gone' }
    })
    sim.clock.advance(ENV_TIMING.applyMs)
    const detail = await call(
      sim,
      'GET',
      '/openapi/environments/pr-7?projectKey=demo'
    )
    expect((detail.json as { status: string }).status).toBe('failed')
  })
})
