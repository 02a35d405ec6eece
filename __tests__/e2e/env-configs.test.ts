// apply-env-config against the simulator over HTTP: an absent object is created, a
// present one updated and the services using it followed until their new pods run.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  startSimulator,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { DRIVERS } from '../helpers/drivers.js'
import { runInProcess } from '../helpers/in-process.js'

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: debug
`
const NEW_CONFIG_MAP = CONFIG_MAP.replace('app-config', 'feature-flags')
const SECRET_VALUE = 'hunter2-very-secret'
const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: app-secret
stringData:
  password: ${SECRET_VALUE}
`
const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec: {}
`

let sim: Simulator

async function serve(version: ServerVersion): Promise<void> {
  sim = await startSimulator({ version, advancePerTaskPollMs: 5_000 })
}
afterEach(async () => {
  await sim?.close()
})

const act = (inputs: Record<string, string>): Promise<BundleRun> =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    env: 'dev',
    operation: 'apply-env-config',
    'poll-interval': '10ms',
    timeout: '10m',
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')
const configOf = (name: string, env = 'dev') =>
  sim.environment(env).configs?.find(c => c.name === name)

describe.each(['v3.3', 'v1.7'] as ServerVersion[])(
  'apply-env-config on %s',
  version => {
    beforeEach(() => serve(version))

    it('creates an object the environment does not have, restarting nothing', async () => {
      const run = await act({ definition: NEW_CONFIG_MAP })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(data(run)).toEqual({
        env_key: 'dev',
        name: 'feature-flags',
        kind: 'ConfigMap',
        created: true,
        updated: false,
        services_restarted: []
      })
      expect(writes()).toEqual(['POST /openapi/environments/dev/envcfgs'])
      expect(sim.requests.at(-1)?.body).toEqual({
        env_key: 'dev',
        name: 'feature-flags',
        common_env_cfg_type: 'ConfigMap',
        yaml_data: NEW_CONFIG_MAP
      })
      expect(configOf('feature-flags')?.yaml).toBe(NEW_CONFIG_MAP)
    })

    it('updates an object it has and follows the services that use it', async () => {
      const before = sim.environment('dev').services[0]!.pods.map(p => p.name)
      const run = await act({ definition: CONFIG_MAP })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(data(run)).toMatchObject({
        created: false,
        updated: true,
        services_restarted: ['svc-a']
      })
      expect(writes()).toEqual(['PUT /openapi/environments/envcfgs'])
      expect(configOf('app-config')?.yaml).toBe(CONFIG_MAP)
      expect(run.stdout).toContain('restarts svc-a')
      const services = JSON.parse(run.outputs['services'] ?? '[]')
      expect(services.map((s: { name: string }) => s.name)).toEqual([
        'svc-a',
        'svc-b'
      ])
      if (version === 'v3.3') {
        // The follow ended once the pods from before were gone.
        const now = sim.clock.now()
        const pods = sim.environment('dev').services[0]!.pods
        const live = pods.filter(p => p.goneMs === undefined || p.goneMs > now)
        expect(live.filter(p => before.includes(p.name))).toEqual([])
        expect(live.length).toBe(before.length)
      }
    })
  }
)

describe('apply-env-config', () => {
  beforeEach(() => serve('v3.3'))

  it('never shows a Secret value, and follows the service using it', async () => {
    const run = await act({ definition: SECRET })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run).services_restarted).toEqual(['svc-b'])
    // Registered with the runner (::add-mask::), then never shown.
    const log = run.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
    expect(run.stdout).toContain(`::add-mask::${SECRET_VALUE}`)
    const shown = JSON.stringify([log, run.outputs, run.summary])
    expect(shown).not.toContain(SECRET_VALUE)
  })

  it('looks a create up when its answer is lost, and sends it once', async () => {
    const path = '/openapi/environments/dev/envcfgs'
    sim.faults.add({ method: 'POST', path, kind: 'lost-response' })
    const run = await act({ definition: NEW_CONFIG_MAP })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(run.stdout).toContain('The answer to the create was lost')
    expect(data(run)).toMatchObject({ created: true })
    expect(writes()).toEqual([`POST ${path}`])
  })

  it('updates an object created between its look-up and the create, once', async () => {
    let raced = false
    sim.use(ctx => {
      const r = ctx.request
      if (raced || r.method !== 'POST' || !r.path.endsWith('/dev/envcfgs'))
        return undefined
      raced = true
      ctx.next() // another run's create lands first
      return ctx.next() // ours is refused: the ConfigMap exists
    })
    const run = await act({ definition: NEW_CONFIG_MAP })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(run.stdout).toContain(
      'ConfigMap feature-flags was created meanwhile (another run?): updating it instead'
    )
    expect(data(run)).toMatchObject({ created: false, updated: true })
    expect(writes()).toEqual([
      'POST /openapi/environments/dev/envcfgs',
      'PUT /openapi/environments/envcfgs'
    ])
  })

  it('updates an Ingress without a restart and without following', async () => {
    const run = await act({ definition: INGRESS, wait: 'false' })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(run.stdout).toContain('no service restarts')
    expect(data(run)).toMatchObject({ updated: true, services_restarted: [] })
  })

  it('stops at the write with wait: false when services restart', async () => {
    const run = await act({ definition: CONFIG_MAP, wait: 'false' })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'running'])
    expect(data(run)).toMatchObject({ services_restarted: ['svc-a'] })
  })

  it('writes a production environment on its own routes, from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'))
    const file = join(dir, 'app-config.yaml')
    writeFileSync(file, CONFIG_MAP)
    const run = await act({
      env: 'prod',
      production: 'true',
      definition: file
    })
    expect(run.exitCode).toBe(0)
    expect(writes()).toEqual(['PUT /openapi/environments/production/envcfgs'])
    expect(
      sim.requests
        .filter(r => r.method === 'GET' && r.path.includes('envcfg'))
        .map(r => r.path)
    ).toEqual([
      '/openapi/environments/production/prod/envcfgs',
      '/openapi/environments/production/prod/envcfg/app-config'
    ])
    expect(configOf('app-config', 'prod')?.yaml).toBe(CONFIG_MAP)
  })

  it('fails clearly for an environment that does not exist, writing nothing', async () => {
    const run = await act({ env: 'nope', definition: CONFIG_MAP })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('mongo: no documents in result')
    expect(writes()).toEqual([])
  })

  it.each([
    [
      'a kind ZadigX does not manage',
      CONFIG_MAP.replace('ConfigMap', 'Deployment'),
      'got kind "Deployment"'
    ],
    [
      'no name',
      'apiVersion: v1\nkind: Secret\nmetadata: {}\n',
      'got metadata.name nothing'
    ],
    [
      'several documents',
      `${CONFIG_MAP}---\n${INGRESS}`,
      'got several YAML documents'
    ],
    ['neither YAML nor a file', 'app-config.yaml', 'which is neither']
  ])('refuses %s before any request', async (_what, definition, why) => {
    const run = await act({ definition })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('definition: expected')
    expect(run.stdout).toContain(why)
    expect(sim.requests).toEqual([])
  })
})

describe.each(DRIVERS)('apply-env-config through %s', (_name, drive) => {
  beforeEach(() => serve('v3.3'))

  it('updates a Secret and passes once its service runs new pods', async () => {
    const run = await drive(sim, {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      env: 'dev',
      operation: 'apply-env-config',
      definition: SECRET,
      'poll-interval': '10ms',
      timeout: '10m'
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run).services_restarted).toEqual(['svc-b'])
    expect(writes()).toEqual(['PUT /openapi/environments/envcfgs'])
    expect(run.outputs['data']).not.toContain(SECRET_VALUE)
  })
})
