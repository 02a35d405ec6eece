// End-to-end: create-project against the simulator, the bundle and run() in-process,
// as a user sees it (exit code, outputs, log, summary, what reached the server).
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator
let driver: Driver

// Each environment read moves virtual time on by 5 s (simulator README).
const FAST = { 'poll-interval': '10ms', timeout: '10m' }
const SETUP = `services:
  - { name: web, template: nginx-template }
envs:
  - { key: dev, cluster: local-cluster }
  - { key: staging, cluster: local-cluster }
`

const act = (inputs: Record<string, string>): Promise<BundleRun> =>
  driver(sim, {
    url: sim.url,
    token: sim.token,
    operation: 'create-project',
    project: 'shop',
    ...FAST,
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('create-project (%s)', (_name, drive) => {
  beforeAll(() => {
    driver = drive
  })

  it('creates a project with two environments and reports each as it gets ready', async () => {
    sim = await startSimulator({ version: 'v4.1', advancePerTaskPollMs: 5_000 })
    const run = await act({ definition: SETUP })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(JSON.parse(run.outputs['data'] ?? '{}')).toMatchObject({
      project_key: 'shop',
      created: true,
      services: ['web'],
      envs: [
        { env_key: 'dev', status: 'ready' },
        { env_key: 'staging', status: 'ready' }
      ]
    })
    expect(run.stdout).toContain('Created yaml project shop with web')
    expect(run.stdout).toMatch(/Environment staging: ready/)
    expect(run.summary).toContain('| Environment | Status |')
    expect(run.summary).toContain('| staging | ready |')
    expect(writes()).toEqual(['POST /openapi/projects/project/init/yaml'])
  })

  it('fails a non-admin on v5.0 with "needs system admin", nothing created', async () => {
    sim = await startSimulator({ version: 'v5.0' })
    const run = await act({ token: sim.tokens['bob'] ?? '' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout + run.stderr).toContain('needs system admin')
    expect(writes()).toEqual([])
  })
})
