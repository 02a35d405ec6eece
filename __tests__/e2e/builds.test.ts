// End-to-end: create-build against the simulator, the bundle and run() in-process,
// as a user sees it (exit code, outputs, log, what reached the server).
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator
let driver: Driver

const act = (inputs: Record<string, string>): Promise<BundleRun> =>
  driver(sim, {
    url: sim.url,
    token: sim.token,
    operation: 'create-build',
    project: 'demo',
    build: 'svc-b-build',
    'build-template': 'go-build',
    definition: '[{service_name: svc-b}]',
    ...inputs
  })
const posts = () => sim.requests.filter(r => r.method === 'POST')

beforeEach(async () => {
  sim = await startSimulator({ version: 'v1.18' })
})
afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('create-build (%s)', (_name, drive) => {
  beforeAll(() => {
    driver = drive
  })

  it('creates the build once and reports it as stored', async () => {
    const run = await act({})
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(JSON.parse(run.outputs['data'] ?? '{}')).toMatchObject({
      created: true,
      target_services: [{ service_name: 'svc-b', service_module: 'svc-b' }]
    })
    expect(run.stdout).toContain(
      'Created build svc-b-build in project demo from template go-build'
    )
    expect(posts()).toHaveLength(1)
  })

  it('leaves an existing build alone and fails the step', async () => {
    const run = await act({ build: 'svc-a-build' })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(posts()).toHaveLength(0)
  })
})
