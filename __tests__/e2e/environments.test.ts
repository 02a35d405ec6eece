// End-to-end: the environment operations against the simulator, as a user sees
// them (exit code, outputs, summary, what reached the server).
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  ENV_TIMING,
  startSimulator,
  type Simulator
} from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator
let driver: Driver

const FAST = { 'poll-interval': '5s', timeout: '10m' }
const NEW_IMAGE = 'harbor.example.com/library/svc-a:2.0.0'

async function act(inputs: Record<string, string>): Promise<BundleRun> {
  return driver(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    ...FAST,
    ...inputs
  })
}

const writes = () => sim.requests.filter(r => r.method !== 'GET')
const services = (run: BundleRun) =>
  JSON.parse(run.outputs['services'] ?? '[]') as {
    name: string
    status: string
    images: string[]
  }[]

describe.each(DRIVERS)('environment operations (%s)', (_name, drive) => {
  beforeAll(() => {
    driver = drive
  })

  afterEach(async () => {
    await sim?.close()
  })

  describe('on a Zadig v3.3 server', () => {
    beforeEach(async () => {
      sim = await startSimulator({
        version: 'v3.3',
        advancePerTaskPollMs: 5_000
      })
    })

    it('deploy-image waits until every pod runs the new image', async () => {
      const run = await act({
        operation: 'deploy-image',
        env: 'dev',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect(run.exitCode).toBe(0)
      expect(run.outputs['result']).toBe('success')
      expect(run.outputs['previous-image']).toBe(
        'harbor.example.com/library/svc-a:1.0.0'
      )
      expect(run.outputs['env-url']).toBe(
        `${sim.url}/v1/projects/detail/demo/envs/detail?envName=dev`
      )
      const svcA = services(run).find(s => s.name === 'svc-a')
      expect(svcA).toEqual({
        name: 'svc-a',
        status: 'running',
        images: [NEW_IMAGE]
      })
      expect(writes().map(r => `${r.method} ${r.path}`)).toEqual([
        'POST /openapi/environments/image/deployment/dev'
      ])
      // The step ended only once the new pods were Ready.
      const pods = sim.environment('dev').services[0]!.pods
      const fresh = pods.filter(p => p.image === NEW_IMAGE)
      expect(fresh).toHaveLength(2)
      for (const p of fresh)
        expect(p.readyMs).toBeLessThanOrEqual(sim.clock.now())
      expect(run.summary).toContain('Status before')
      expect(run.summary).toContain('svc-a:2.0.0')
    })

    it('deploy-image fails fast on an image that cannot be pulled, with what ZadigX says', async () => {
      sim.breakImage(NEW_IMAGE, 'ImagePullBackOff', 'Back-off pulling image')
      const start = sim.clock.now()
      const run = await act({
        operation: 'deploy-image',
        env: 'dev',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect(run.exitCode).toBe(1)
      expect(run.outputs['result']).toBe('failure')
      expect(run.stdout).toMatch(/ImagePullBackOff \(Back-off pulling image\)/)
      // Well before the 10-minute timeout.
      expect(sim.clock.now() - start).toBeLessThan(2 * 60_000)
    })
  })
})
