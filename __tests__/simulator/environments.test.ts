// The simulator's environments: asynchronous status on the virtual clock, pods
// that lag behind the status, broken images, the busy refusal in both shapes and
// the per-version switches (docs/zadigx-api.md#env-status … #env-variables).
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

const DEV = '/openapi/environments/dev?projectKey=demo'
const BUSY = '环境正处于不能更新的状态'

interface Detail {
  status: string
  services: {
    service_name: string
    status: string
    containers: { image: string }[]
  }[]
}
const detail = async () => (await call(sim, 'GET', DEV)).json as Detail
const svcA = (d: Detail) => d.services.find(s => s.service_name === 'svc-a')!

describe('an environment update', () => {
  beforeEach(() => serve('v3.3'))

  it('is accepted at once, shows updating, then success; new pods lag behind', async () => {
    const put = await call(
      sim,
      'PUT',
      '/openapi/environments/dev/services?projectKey=demo',
      {
        service_list: [{ service_name: 'svc-a', variable_kvs: [] }]
      }
    )
    expect(put.json).toEqual({ message: 'success' })
    expect((await detail()).status).toBe('updating')
    sim.clock.advance(ENV_TIMING.applyMs)
    const applied = await detail()
    // Applied, and the old pods still serve: the service reads running.
    expect([applied.status, svcA(applied).status]).toEqual([
      'success',
      'running'
    ])
    sim.clock.advance(ENV_TIMING.podStartMs)
    expect(svcA(await detail()).status).toBe('unstable')
    sim.clock.advance(ENV_TIMING.podReadyMs)
    expect(svcA(await detail()).status).toBe('running')
  })

  it('refuses writes while busy: 6076 for most, a multierror 500 for service updates', async () => {
    sim.environment('dev').busy = {
      status: 'updating',
      untilMs: sim.clock.now() + 60_000
    }
    const vars = await call(
      sim,
      'PUT',
      '/openapi/environments/dev/variable?projectKey=demo',
      {
        global_variables: [{ key: 'LOG_LEVEL', value: 'x' }]
      }
    )
    expect([vars.status, (vars.json as { code: number }).code]).toEqual([
      400, 6076
    ])
    expect(vars.text).toContain(BUSY)
    const services = await call(
      sim,
      'PUT',
      '/openapi/environments/dev/services?projectKey=demo',
      {
        service_list: [{ service_name: 'svc-a' }]
      }
    )
    expect(services.status).toBe(500)
    expect((services.json as { description: string }).description).toMatch(
      new RegExp(`^1 error occurred:[\\s\\S]*${BUSY}`)
    )
  })

  it('answers 404 for an update of an environment that does not exist', async () => {
    const r = await call(
      sim,
      'PUT',
      '/openapi/environments/nope/services?projectKey=demo',
      {
        service_list: []
      }
    )
    expect(r.status).toBe(404)
  })
})

describe('pods in the live service view (v2.2+)', () => {
  beforeEach(() => serve('v3.3'))

  const view = async () =>
    (
      await call(
        sim,
        'GET',
        '/openapi/environments/dev/services/svc-a?projectKey=demo'
      )
    ).json as {
      scales: {
        pods: {
          image: string
          pod_ready: boolean
          containers: { image: string; reason: string }[]
        }[]
      }[]
    }

  it('shows an image that cannot be pulled, and the old pods keep serving', async () => {
    sim.breakImage(
      'bad:1',
      'ImagePullBackOff',
      'Back-off pulling image "bad:1"'
    )
    await call(sim, 'POST', '/openapi/environments/image/deployment/dev', {
      product_name: 'demo',
      env_name: 'dev',
      service_name: 'svc-a',
      name: 'svc-a',
      container_name: 'svc-a',
      image: 'bad:1'
    })
    sim.clock.advance(60_000)
    const pods = (await view()).scales[0]!.pods
    expect(
      pods
        .filter(p => p.containers[0]!.image === 'bad:1')
        .map(p => p.containers[0]!.reason)
    ).toEqual(['ImagePullBackOff', 'ImagePullBackOff'])
    expect(pods.filter(p => p.pod_ready).length).toBe(2)
  })
})

describe.each([
  ['v1.18', 'projectName', false, 'Running'],
  ['v2.2', 'projectName', true, 'running'],
  ['v3.3', 'projectKey', true, 'running']
] as const)('a %s server', (version, query, live, running) => {
  beforeEach(() => serve(version))

  it(`${live ? 'serves' : 'has no'} the live view (reading ${query}), statuses as ${running}`, async () => {
    expect(svcA(await detail()).status).toBe(running)
    const r = await call(
      sim,
      'GET',
      `/openapi/environments/dev/services/svc-a?${query}=demo`
    )
    expect(r.status).toBe(live ? 200 : 404)
  })
})

describe.each([
  [
    'v1.18',
    'merges',
    [
      ['LOG_LEVEL', 'debug'],
      ['REGION', 'eu']
    ]
  ],
  ['v3.1', 'replaces', [['LOG_LEVEL', 'debug']]]
] as const)('variables on %s', (version, how, after) => {
  beforeEach(() => serve(version))

  it(`${how} the list it is sent`, async () => {
    const r = await call(
      sim,
      'PUT',
      '/openapi/environments/dev/variable?projectKey=demo',
      {
        global_variables: [{ key: 'LOG_LEVEL', value: 'debug' }]
      }
    )
    expect(r.status).toBe(200)
    expect(sim.environment('dev').variables.map(v => [v.key, v.value])).toEqual(
      after
    )
  })
})

it('v1.18 refuses a variable the environment does not have; v3.1 one the project does not', async () => {
  await serve('v1.18')
  const old = await call(
    sim,
    'PUT',
    '/openapi/environments/dev/variable?projectKey=demo',
    {
      global_variables: [{ key: 'FEATURE_X', value: 'on' }]
    }
  )
  expect(old.text).toContain(
    'variable FEATURE_X not exist in env global variables'
  )
  await sim.close()
  await serve('v3.1')
  const ok = await call(
    sim,
    'PUT',
    '/openapi/environments/dev/variable?projectKey=demo',
    {
      global_variables: [
        { key: 'LOG_LEVEL', value: 'info' },
        { key: 'FEATURE_X', value: 'on' }
      ]
    }
  )
  expect(ok.status).toBe(200)
  const bad = await call(
    sim,
    'PUT',
    '/openapi/environments/dev/variable?projectKey=demo',
    {
      global_variables: [
        { key: 'LOG_LEVEL', value: 'info' },
        { key: 'NOPE', value: '1' }
      ]
    }
  )
  expect(bad.text).toContain(
    "added global variable NOPE is not in project's global variable list"
  )
})

it('deletes asynchronously: deleting, then not found', async () => {
  await serve('v5.0')
  const r = await call(
    sim,
    'DELETE',
    '/openapi/environments/dev?projectKey=demo&isDelete=false'
  )
  expect(r.status).toBe(200)
  expect((await detail()).status).toBe('deleting')
  sim.clock.advance(ENV_TIMING.deleteMs)
  const gone = await call(sim, 'GET', DEV)
  expect([
    gone.status,
    (gone.json as { description: string }).description
  ]).toEqual([500, 'mongo: no documents in result'])
})

it('restart of a service that is not in the environment answers success and does nothing', async () => {
  await serve('v1.18')
  const before = JSON.stringify(sim.environment('dev').services)
  const r = await call(
    sim,
    'POST',
    '/openapi/environments/dev/service/svc-z/restart?projectKey=demo'
  )
  expect(r.json).toEqual({ message: 'success' })
  expect(JSON.stringify(sim.environment('dev').services)).toBe(before)
})

it.each([
  ['v4.1', 200],
  ['v5.0', 400]
] as const)(
  'scale of an unknown workload on %s answers %i',
  async (version, status) => {
    await serve(version)
    const r = await call(sim, 'POST', '/openapi/environments/scale', {
      project_key: 'demo',
      env_key: 'dev',
      workload_name: 'nope',
      workload_type: 'Deployment',
      target_replicas: 1
    })
    expect(r.status).toBe(status)
  }
)
