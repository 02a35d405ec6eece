// End-to-end: the delivery centre's releases (list-releases, create-release,
// get-release) against the simulator, per server version.
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import type { ServerVersion } from '../../simulator/profiles.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

let sim: Simulator
let driver: Driver

const RELEASES = '/openapi/delivery/releases'

const RELEASE = `
env: dev
description: tagged in GitHub
labels: [github]
services:
  api: api
  web: [web, nginx]
`

function act(inputs: Record<string, string>): Promise<BundleRun> {
  return driver(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    'poll-interval': '10ms',
    timeout: '1h',
    ...inputs
  })
}

const create = (extra: Record<string, string> = {}) =>
  act({
    operation: 'create-release',
    'release-version': 'v1.2.0',
    release: RELEASE,
    ...extra
  })

const sent = (method: string, path: string) =>
  sim.requests.filter(r => r.method === method && r.path === path)

async function on(version: ServerVersion, run: Driver): Promise<void> {
  sim = await startSimulator({ version })
  driver = run
}

afterEach(async () => {
  await sim.close()
})

describe.each(DRIVERS)('releases on a current server (%s)', (_name, run) => {
  beforeEach(() => on('current', run))

  it('creates a release from an environment and follows it to success', async () => {
    const made = await create()
    expect(made.exitCode).toBe(0)
    expect(made.outputs.result).toBe('success')
    const data = JSON.parse(made.outputs.data ?? '{}') as Record<
      string,
      unknown
    >
    expect(data).toMatchObject({
      version: 'v1.2.0',
      status: 'success',
      env: 'dev',
      labels: ['github'],
      services: [
        {
          service: 'api',
          images: [
            {
              container: 'api',
              image: 'harbor.example.com/library/api:20260101-1'
            }
          ]
        },
        { service: 'web' }
      ]
    })
    const posts = sent('POST', `${RELEASES}/k8s`)
    expect(posts).toHaveLength(1)
    expect(posts[0]?.body).toMatchObject({
      project_key: 'demo',
      version_name: 'v1.2.0',
      source: 'from_env',
      env_name: 'dev',
      services: [
        { service_name: 'api', images: [{ container_name: 'api' }] },
        {
          service_name: 'web',
          images: [{ container_name: 'web' }, { container_name: 'nginx' }]
        }
      ]
    })
    expect(visibleLog(made.stdout)).toContain('release v1.2.0: success')
  })

  it('fails the step when the release ends failed, with the server reason', async () => {
    sim.delivery.failNext = 'push image failed ::error::spoofed'
    const made = await create()
    expect(made.exitCode).not.toBe(0)
    expect(made.outputs.result).toBe('failure')
    expect(visibleLog(made.stdout)).toContain('the release ended failed')
    expect(made.stdout).not.toContain('::error::spoofed')
  })

  it('refuses a version name already used, sending the create once', async () => {
    expect((await create()).exitCode).toBe(0)
    const again = await create()
    expect(again.exitCode).not.toBe(0)
    expect(visibleLog(again.stdout)).toContain('version already exist')
    expect(sent('POST', `${RELEASES}/k8s`)).toHaveLength(2)
  })

  it('names a container the environment does not have', async () => {
    const made = await create({
      release: 'env: dev\nservices: {api: [sidecar]}'
    })
    expect(made.exitCode).not.toBe(0)
    expect(visibleLog(made.stdout)).toContain(
      'container not found, serviceName: api, containerName: sidecar'
    )
  })

  it('lists and reads releases', async () => {
    await create()
    const listed = await act({ operation: 'list-releases', 'page-size': '5' })
    expect(listed.exitCode).toBe(0)
    expect(JSON.parse(listed.outputs.data ?? '{}')).toMatchObject({
      total: 1,
      releases: [{ version: 'v1.2.0', status: 'success', labels: ['github'] }]
    })
    expect(sent('GET', RELEASES)[0]?.query).toEqual({
      projectKey: 'demo',
      pageNum: '1',
      pageSize: '5'
    })
    const got = await act({
      operation: 'get-release',
      'release-version': 'v1.2.0'
    })
    expect(got.exitCode).toBe(0)
    expect(JSON.parse(got.outputs.data ?? '{}')).toMatchObject({
      version: 'v1.2.0',
      env: 'dev'
    })
  })

  it('says that an unknown release does not exist', async () => {
    const got = await act({ operation: 'get-release', 'release-version': 'v9' })
    expect(got.exitCode).not.toBe(0)
    expect(visibleLog(got.stdout)).toContain('no documents in result')
  })

  it('checks the release input before any request', async () => {
    const made = await create({ release: 'services: {api: 3}' })
    expect(made.exitCode).not.toBe(0)
    const log = visibleLog(made.stdout)
    expect(log).toContain('release.env: expected the ZadigX environment key')
    expect(log).toContain('release.services.api: expected a container name')
    expect(sim.requests).toEqual([])
  })
})

describe.each(DRIVERS)('releases on older servers (%s)', (_name, run) => {
  it('tells a v3.x server apart from v4.0 before creating anything', async () => {
    await on('v3.4.1', run)
    const made = await create()
    expect(made.exitCode).not.toBe(0)
    expect(visibleLog(made.stdout)).toContain(
      'create-release needs Zadig v4.0 or later'
    )
    expect(sent('POST', `${RELEASES}/k8s`)).toEqual([])
    expect(sim.requests.every(r => r.method === 'GET')).toBe(true)
  })

  it('creates on v4.0, which the generation alone cannot tell from v3.x', async () => {
    await on('v4.0', run)
    const made = await create()
    expect(made.outputs.result).toBe('success')
    expect(sent('GET', `${RELEASES}/x`)).toHaveLength(1)
  })

  it('lists on v3.0, and names the version where the list is missing', async () => {
    await on('v3.0', run)
    expect((await act({ operation: 'list-releases' })).exitCode).toBe(0)
    await sim.close()
    await on('v2.2', run)
    const old = await act({ operation: 'list-releases' })
    expect(old.exitCode).not.toBe(0)
    expect(visibleLog(old.stdout)).toContain(
      'list-releases needs Zadig v3.0 or later'
    )
  })
})
