// End-to-end: the environment operations against the simulator, as a user sees
// them (exit code, outputs, log, summary, what reached the server).
import { fileURLToPath } from 'node:url'
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  startSimulator,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'
import { startFakeGitHub } from '../helpers/fake-github.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator
let driver: Driver

// Each environment read moves virtual time on by 5 s (simulator README), so the
// bundle in its child process sees the rollout progress without waiting.
const FAST = { 'poll-interval': '10ms', timeout: '10m' }
const OLD_IMAGE = 'harbor.example.com/library/svc-a:1.0.0'
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

async function serve(version: ServerVersion): Promise<void> {
  sim = await startSimulator({ version, advancePerTaskPollMs: 5_000 })
}

const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const services = (run: BundleRun) =>
  JSON.parse(run.outputs['services'] ?? '[]') as {
    name: string
    status: string
    images: string[]
  }[]
const dev = { env: 'dev' }

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('environment operations (%s)', (_name, drive) => {
  beforeAll(() => {
    driver = drive
  })

  describe('on a Zadig v3.3 server (pods and images visible)', () => {
    beforeEach(() => serve('v3.3'))

    it('deploy-image passes once every pod runs the new image, and reports before and after', async () => {
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(run.outputs['previous-image']).toBe(OLD_IMAGE)
      expect(run.outputs['env-status']).toBe('success')
      expect(run.outputs['env-url']).toBe(
        `${sim.url}/v1/projects/detail/demo/envs/detail?envName=dev`
      )
      expect(services(run).find(s => s.name === 'svc-a')).toEqual({
        name: 'svc-a',
        status: 'running',
        images: [NEW_IMAGE]
      })
      expect(writes()).toEqual([
        'POST /openapi/environments/image/deployment/dev'
      ])
      const pods = sim.environment('dev').services[0]!.pods
      const fresh = pods.filter(p => p.image === NEW_IMAGE)
      expect(fresh).toHaveLength(2)
      for (const p of fresh)
        expect(p.readyMs).toBeLessThanOrEqual(sim.clock.now())
      expect(run.summary).toContain('| Service | Status before')
      expect(run.summary).toContain('svc-a:1.0.0 | running |')
    })

    it('deploy-image fails at once on an image that cannot be pulled, saying what ZadigX reports', async () => {
      sim.breakImage(NEW_IMAGE, 'ImagePullBackOff', 'Back-off pulling image')
      const start = sim.clock.now()
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
      expect(run.stdout).toMatch(
        /::error::.*ImagePullBackOff \(Back-off pulling image\)/
      )
      expect(sim.clock.now() - start).toBeLessThan(2 * 60_000)
    })

    it('deploy-image waits for a busy environment instead of failing', async () => {
      const env = sim.environment('dev')
      const busyUntil = sim.clock.now() + 60_000
      env.busy = { status: 'updating', untilMs: busyUntil }
      let sentAt = 0
      sim.use(({ request, next }) => {
        if (request.method === 'POST') sentAt = sim.clock.now()
        return next()
      })
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(run.stdout).toContain(
        'Environment dev is updating: waiting until it is idle'
      )
      // The image was sent only once the environment was idle again.
      expect(sentAt).toBeGreaterThanOrEqual(busyUntil)
    })

    it('deploy-image with wait: false returns after the write', async () => {
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE,
        wait: 'false'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'running'])
      expect(writes()).toHaveLength(1)
      const pods = sim.environment('dev').services[0]!.pods
      expect(pods.some(p => p.readyMs > sim.clock.now())).toBe(true)
    })

    it('deploy-image refuses production environments before sending anything', async () => {
      const run = await act({
        env: 'prod',
        production: 'true',
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/test environments only/)
      expect(sim.requests).toEqual([])
    })

    it('deploy-image names the containers when the one given is not there', async () => {
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        container: 'sidecar',
        image: NEW_IMAGE
      })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/container: expected one of svc-a/)
      expect(writes()).toEqual([])
    })

    it('wait-env passes on a healthy environment and fails on a crash loop', async () => {
      const healthy = await act({ ...dev, operation: 'wait-env' })
      expect([healthy.exitCode, healthy.outputs['result']]).toEqual([
        0,
        'success'
      ])
      expect(services(healthy).map(s => s.status)).toEqual([
        'running',
        'running'
      ])
      sim.breakImage(NEW_IMAGE, 'CrashLoopBackOff', 'back-off restarting')
      await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE,
        wait: 'false'
      })
      const broken = await act({ ...dev, operation: 'wait-env' })
      expect([broken.exitCode, broken.outputs['result']]).toEqual([
        1,
        'failure'
      ])
      expect(broken.stdout).toMatch(/svc-a.*CrashLoopBackOff/)
    })

    it('restart-service replaces the pods, and refuses a service that is not there', async () => {
      const before = sim.environment('dev').services[0]!.pods.map(p => p.name)
      const run = await act({
        ...dev,
        operation: 'restart-service',
        service: 'svc-a'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      const now = sim.clock.now()
      const live = sim
        .environment('dev')
        .services[0]!.pods.filter(p => p.goneMs === undefined || p.goneMs > now)
      expect(live.map(p => p.name).some(n => before.includes(n))).toBe(false)
      const missing = await act({
        ...dev,
        operation: 'restart-service',
        service: 'svc-z'
      })
      expect(missing.exitCode).toBe(1)
      expect(missing.stdout).toMatch(
        /"svc-z" is not a service of environment dev \(it has svc-a, svc-b\)/
      )
      expect(writes()).toEqual([
        'POST /openapi/environments/dev/service/svc-a/restart'
      ])
    })

    it('scale-service waits until as many pods are ready', async () => {
      const run = await act({
        ...dev,
        operation: 'scale-service',
        service: 'svc-b',
        replicas: '3'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      const scaled = sim.requests.find(r => r.path.endsWith('/scale'))
      expect(scaled?.body).toMatchObject({
        workload_name: 'svc-b',
        workload_type: 'Deployment',
        target_replicas: 3
      })
      const now = sim.clock.now()
      const ready = sim
        .environment('dev')
        .services[1]!.pods.filter(p => p.readyMs <= now && !p.goneMs)
      expect(ready).toHaveLength(3)
    })

    it('update-env-services sends the variables and follows the update', async () => {
      const run = await act({
        ...dev,
        operation: 'update-env-services',
        services: 'svc-a: {LOG_LEVEL: debug}'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      const put = sim.requests.find(r => r.method === 'PUT')
      expect(put?.body).toEqual({
        service_list: [
          {
            service_name: 'svc-a',
            variable_kvs: [{ key: 'LOG_LEVEL', value: 'debug' }]
          }
        ]
      })
      expect(run.stdout).toContain(
        'Environment dev: the environment is updating'
      )
    })

    it('delete-env follows the delete to its end; deleting again passes without a write', async () => {
      const run = await act({ ...dev, operation: 'delete-env' })
      expect([run.exitCode, run.outputs['env-status']]).toEqual([0, 'deleted'])
      expect(writes()).toEqual(['DELETE /openapi/environments/dev'])
      const again = await act({ ...dev, operation: 'delete-env' })
      expect([again.exitCode, again.outputs['result']]).toEqual([0, 'success'])
      expect(again.stdout).toContain('does not exist: nothing to delete')
      expect(writes()).toHaveLength(1)
    })

    it('list-services and get-service read the templates', async () => {
      const list = await act({ operation: 'list-services' })
      expect(
        (
          JSON.parse(list.outputs['data'] ?? '') as { service_name: string }[]
        ).map(s => s.service_name)
      ).toEqual(['svc-a', 'svc-b'])
      const one = await act({ operation: 'get-service', service: 'svc-b' })
      expect(JSON.parse(one.outputs['data'] ?? '')).toMatchObject({
        service_name: 'svc-b',
        yaml: expect.stringContaining('kind: Deployment'),
        variables: [{ key: 'LOG_LEVEL', value: 'info' }]
      })
      const missing = await act({ operation: 'get-service', service: 'nope' })
      expect(missing.exitCode).toBe(1)
      expect(missing.stdout).toContain('failed to get service from db')
    })

    it('create-env copies base-env and follows it until healthy; a second create sends nothing', async () => {
      const run = await act({
        env: 'pr-7',
        operation: 'create-env',
        'base-env': 'dev',
        services: '[svc-a]',
        variables: '{LOG_LEVEL: debug}'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(run.outputs['env-status']).toBe('success')
      const created = sim.requests.find(r => r.method === 'POST')
      expect(created?.body).toEqual({
        env_key: 'pr-7',
        cluster_id: 'cluster-1',
        namespace: 'demo-env-pr-7',
        registry_id: 'reg-1',
        services: [
          {
            service_name: 'svc-a',
            containers: [{ name: 'svc-a', image: OLD_IMAGE }],
            variable_kvs: []
          }
        ],
        global_variables: [{ key: 'LOG_LEVEL', value: 'debug' }]
      })
      expect(run.stdout).toContain('the environment is creating')
      const again = await act({
        env: 'pr-7',
        operation: 'create-env',
        'base-env': 'dev'
      })
      expect(again.exitCode).toBe(1)
      expect(again.stdout).toContain('environment pr-7 already exists')
      expect(writes()).toEqual(['POST /openapi/environments'])
    })

    it('delete-service deletes a template once; deleting again passes without a write', async () => {
      const run = await act({ operation: 'delete-service', service: 'svc-b' })
      expect(JSON.parse(run.outputs['data'] ?? '')).toEqual({
        service_name: 'svc-b',
        deleted: true
      })
      const again = await act({ operation: 'delete-service', service: 'svc-b' })
      expect([again.exitCode, JSON.parse(again.outputs['data'] ?? '')]).toEqual(
        [0, { service_name: 'svc-b', deleted: false }]
      )
      expect(writes()).toEqual(['DELETE /openapi/service/yaml/svc-b'])
    })

    it('list-envs and get-env read the project and one environment', async () => {
      const list = await act({ operation: 'list-envs' })
      expect(JSON.parse(list.outputs['data'] ?? '')).toEqual([
        expect.objectContaining({ env_key: 'dev', status: 'success' })
      ])
      const prod = await act({ operation: 'list-envs', production: 'true' })
      expect(JSON.parse(prod.outputs['data'] ?? '')).toEqual([
        expect.objectContaining({ env_key: 'prod', production: true })
      ])
      const one = await act({ ...dev, operation: 'get-env' })
      expect(JSON.parse(one.outputs['data'] ?? '')).toMatchObject({
        env_key: 'dev',
        status: 'success',
        global_variables: [
          { key: 'LOG_LEVEL', value: 'info' },
          { key: 'REGION', value: 'eu' }
        ]
      })
    })
  })

  describe.each(['v1.18', 'v5.0'] as const)(
    'update-env-variables on %s',
    version => {
      beforeEach(() => serve(version))

      it('keeps the variables not named, whether the server merges or replaces', async () => {
        const run = await act({
          ...dev,
          operation: 'update-env-variables',
          variables: '{LOG_LEVEL: debug}'
        })
        expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
        expect(
          sim.environment('dev').variables.map(v => [v.key, v.value])
        ).toEqual([
          ['LOG_LEVEL', 'debug'],
          ['REGION', 'eu']
        ])
        // LOG_LEVEL is used by svc-a: its pods were rolled and followed.
        expect(run.stdout).toContain('the environment is updating')
        const same = await act({
          ...dev,
          operation: 'update-env-variables',
          variables: '{LOG_LEVEL: debug}'
        })
        expect(same.stdout).toContain('nothing to change')
        expect(writes()).toEqual(['PUT /openapi/environments/dev/variable'])
      })
    }
  )

  describe('on ZadigX v1.7 (no pods, no image route)', () => {
    beforeEach(() => serve('v1.7'))

    it('deploy-image says it needs Zadig v2.2 and sends nothing', async () => {
      const run = await act({
        ...dev,
        operation: 'deploy-image',
        service: 'svc-a',
        image: NEW_IMAGE
      })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/deploy-image needs Zadig v2\.2 or later/)
      expect(writes()).toEqual([])
    })

    it('restart-service follows the service status, read in its original case', async () => {
      const run = await act({
        ...dev,
        operation: 'restart-service',
        service: 'svc-b'
      })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(run.stdout).toContain('does not show pods')
      expect(services(run).find(s => s.name === 'svc-b')?.status).toBe(
        'Running'
      )
    })
  })

  it('refuses bad inputs before any request', async () => {
    await serve('v3.3')
    const run = await act({
      ...dev,
      operation: 'scale-service',
      service: 'svc-a',
      replicas: '-1'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /replicas: expected a whole number from 0 to 1000, got "-1"/
    )
    expect(sim.requests).toEqual([])
  })
})

describe('a rollout that overruns its timeout (in-process)', () => {
  it('writes the outputs and the summary with the last state', async () => {
    await serve('v3.3')
    const run = await runInProcess(sim, {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      env: 'dev',
      operation: 'deploy-image',
      service: 'svc-a',
      image: NEW_IMAGE,
      'poll-interval': '5s',
      timeout: '15s'
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'timeout'])
    expect(run.outputs['env-status']).toBe('success')
    expect(run.outputs['previous-image']).toBe(OLD_IMAGE)
    expect(run.stdout).toMatch(
      /timed out after .*do not run .*svc-a:2\.0\.0 yet|timed out after .*pods ready/
    )
    expect(run.summary).toContain('timeout')
    expect(run.summary).toContain('svc-a')
  })
})

describe('a GitHub deployment for a rollout (in-process)', () => {
  it('goes in_progress then success, with the ZadigX environment as its URL', async () => {
    await serve('v5.0')
    const gh = await startFakeGitHub()
    try {
      const run = await runInProcess(
        sim,
        {
          url: sim.url,
          token: sim.token,
          project: 'demo',
          ...FAST,
          env: 'dev',
          operation: 'deploy-image',
          service: 'svc-a',
          image: NEW_IMAGE,
          environment: 'dev',
          'github-token': 'ghs_fake_job_token'
        },
        {
          GITHUB_EVENT_NAME: 'push',
          GITHUB_EVENT_PATH: fileURLToPath(
            new URL(
              '../fixtures/github-events/push-branch.json',
              import.meta.url
            )
          ),
          GITHUB_REPOSITORY: 'demo-group/svc-a',
          GITHUB_REF: 'refs/heads/main',
          GITHUB_SHA: '3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
          GITHUB_API_URL: gh.url
        }
      )
      expect(run.exitCode).toBe(0)
      const states = gh.requests
        .filter(r => /\/deployments\/\d+\/statuses$/.test(r.path))
        .map(r => [r.body?.state, r.body?.environment_url])
      const url = run.outputs['env-url']
      expect(states).toEqual([
        ['in_progress', url],
        ['success', url]
      ])
      const description = gh.requests.find(r => r.path.endsWith('/deployments'))
        ?.body?.description
      expect(description).toBe('ZadigX demo/dev')
    } finally {
      await gh.close()
    }
  })
})
