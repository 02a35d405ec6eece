// End-to-end: a pull request's life (opened, two pushes, closed) with preview-env,
// against the ZadigX simulator and a fake GitHub API, both on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  profileOf,
  startSimulator,
  type Profile,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { notedRoutes, pathPattern, servedAt } from '../helpers/api-notes.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator
let gh: FakeGitHub
let dir: string

const OPENED = fileURLToPath(
  new URL('../fixtures/github-events/pull-request-opened.json', import.meta.url)
)

function eventFile(action: string): string {
  const payload = JSON.parse(readFileSync(OPENED, 'utf8')) as object
  const path = join(dir, `${action}.json`)
  writeFileSync(path, JSON.stringify({ ...payload, action }))
  return path
}

const act = (
  action: string,
  event = 'pull_request',
  more: Record<string, string> = {}
) =>
  runInProcess(
    sim,
    {
      ...more,
      url: sim.url,
      token: sim.token,
      project: 'demo',
      operation: 'preview-env',
      'base-env': 'dev',
      environment: 'preview',
      'github-token': 'ghs_fake_job_token',
      'poll-interval': '10ms',
      timeout: '10m'
    },
    {
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventFile(action),
      GITHUB_REPOSITORY: 'demo-group/svc-a',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_API_URL: gh.url,
      GITHUB_RUN_ID: '777'
    }
  )

const zadigWrites = () =>
  sim.requests
    .filter(r => r.method !== 'GET')
    .map(r => `${r.method} ${r.path.split('?')[0]}`)

beforeEach(async () => {
  sim = await startSimulator({ version: 'v3.3', advancePerTaskPollMs: 5_000 })
  gh = await startFakeGitHub()
  dir = mkdtempSync(join(tmpdir(), 'preview-env-'))
  for (const s of sim.environment('dev').services)
    s.hosts = [`${s.name}-dev.preview.example.com`]
})

afterEach(async () => {
  await sim.close()
  await gh.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('preview-env over a pull request’s life', () => {
  it('creates once, updates on pushes, deletes on close, in one comment and one deployment address', async () => {
    const opened = await act('opened')
    expect([opened.exitCode, opened.outputs['result']]).toEqual([0, 'success'])
    const address = 'http://svc-a-pr-42.preview.example.com'
    expect(opened.outputs['env-url']).toBe(address)
    expect(opened.stdout).toContain('full copy of dev')
    expect(sim.environment('pr-42').services.length).toBeGreaterThan(0)

    for (const push of [1, 2]) {
      const run = await act('synchronize')
      expect([push, run.exitCode, run.outputs['result']]).toEqual([
        push,
        0,
        'success'
      ])
      expect(run.outputs['env-url']).toBe(address)
    }
    const closed = await act('closed')
    expect([closed.exitCode, closed.outputs['env-status']]).toEqual([
      0,
      'deleted'
    ])

    const writes = zadigWrites()
    expect(writes.filter(w => w === 'POST /openapi/environments')).toHaveLength(
      1
    )
    expect(
      writes.filter(w => w.startsWith('PUT ') || w.includes('/services'))
    ).toHaveLength(2)
    expect(writes.filter(w => w.startsWith('DELETE '))).toEqual([
      'DELETE /openapi/environments/pr-42'
    ])
    expect(sim.environment('pr-42').deleted).toBe(true)

    // One comment, written once and edited in place by the later runs.
    expect(gh.comments).toHaveLength(1)
    const posts = gh.requests.filter(
      r => r.method === 'POST' && r.path.endsWith('/issues/42/comments')
    )
    expect(posts).toHaveLength(1)
    expect(gh.comments[0]!.body).toContain('pr-42')
    expect(gh.comments[0]!.body).toContain('deleted')
    expect(gh.comments[0]!.body).toContain('removed')

    const statuses = gh.requests.filter(
      r => r.method === 'POST' && /deployments\/\d+\/statuses$/.test(r.path)
    )
    expect(statuses.map(s => s.body?.['environment_url'])).toContain(address)
    expect(statuses.at(-1)?.body?.['state']).toBe('inactive')
  })

  it('puts the images built for the PR in at create and on each push, and shows the deployment in the comment', async () => {
    const built = (sha: string) => `ghcr.io/demo-group/svc-a:${sha}`
    const opened = await act('opened', 'pull_request', { images: built('c1') })
    expect([opened.exitCode, opened.outputs['result']]).toEqual([0, 'success'])
    const create = sim.requests.find(
      r =>
        r.method === 'POST' && r.path.split('?')[0] === '/openapi/environments'
    )
    expect(JSON.stringify(create?.body)).toContain(built('c1'))
    const imagesOf = () =>
      sim.environment('pr-42').services.find(s => s.name === 'svc-a')!.image
    expect(imagesOf()).toBe(built('c1'))

    const pushed = await act('synchronize', 'pull_request', {
      image: built('c2')
    })
    expect([pushed.exitCode, pushed.outputs['result']]).toEqual([0, 'success'])
    const svcA = JSON.parse(pushed.outputs['services'] ?? '[]').find(
      (s: { name: string }) => s.name === 'svc-a'
    )
    expect(svcA.images).toEqual([built('c2')])
    const pods = sim
      .environment('pr-42')
      .services.find(s => s.name === 'svc-a')!.pods
    expect(pods.filter(p => p.image === built('c2')).length).toBeGreaterThan(0)
    // A push with images sets them and redeploys nothing else.
    expect(zadigWrites().filter(w => w.includes('/image/'))).toHaveLength(1)
    expect(zadigWrites().filter(w => w.endsWith('/services'))).toEqual([])

    const body = gh.comments[0]!.body
    expect(body).toContain(
      'GitHub deployment: [preview](https://github.com/demo-group/svc-a/deployments/preview) (success)'
    )
  })

  it('an image that matches no container is refused before any write', async () => {
    const run = await act('opened', 'pull_request', {
      images: 'ghcr.io/demo-group/unknown-app:c1'
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'images: ghcr.io/demo-group/unknown-app:c1 match no container of dev'
    )
    expect(zadigWrites()).toEqual([])
  })

  it('a create refused because another run made the environment meanwhile becomes an update', async () => {
    let raced = false
    sim.use(ctx => {
      const r = ctx.request
      if (
        raced ||
        r.method !== 'POST' ||
        r.path.split('?')[0] !== '/openapi/environments'
      )
        return undefined
      raced = true
      ctx.next() // the other run's create lands first
      return ctx.next() // ours is refused: the environment exists (6074)
    })
    const run = await act('opened')
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(run.stdout).toContain(
      'was created meanwhile (another run?): updating it instead'
    )
    // This run updated the environment: `data.copy` names no copy.
    expect(JSON.parse(run.outputs['data'] ?? '{}')).not.toHaveProperty('copy')
    expect(zadigWrites().filter(w => w.endsWith('/services'))).toHaveLength(1)
  })

  it('on Zadig v1.18 images go in at create, and a push with images says it needs v2.2 before any write', async () => {
    await sim.close()
    sim = await startSimulator({
      version: 'v1.18',
      advancePerTaskPollMs: 5_000
    })
    const opened = await act('opened', 'pull_request', {
      images: 'ghcr.io/demo-group/svc-a:c1'
    })
    expect(opened.exitCode).toBe(0)
    const before = zadigWrites().length
    const pushed = await act('synchronize', 'pull_request', {
      images: 'ghcr.io/demo-group/svc-a:c2'
    })
    expect(pushed.exitCode).toBe(1)
    expect(pushed.stdout).toContain('needs Zadig v2.2')
    expect(zadigWrites()).toHaveLength(before)
  })

  it('a second opened run (the env exists) updates instead of creating again', async () => {
    await act('opened')
    const again = await act('reopened')
    expect(again.exitCode).toBe(0)
    expect(
      zadigWrites().filter(w => w === 'POST /openapi/environments')
    ).toHaveLength(1)
  })

  it('closing a PR whose environment is gone passes and sends nothing', async () => {
    const closed = await act('closed')
    expect(closed.exitCode).toBe(0)
    expect(closed.stdout).toContain('nothing to remove')
    expect(zadigWrites()).toEqual([])
  })

  it('refuses any other event before a request', async () => {
    const run = await act('opened', 'push')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'preview-env runs on pull_request or pull_request_target events, got push'
    )
    expect(sim.requests).toEqual([])
  })
})

describe('preview-env: a sub-environment where the server offers one, else a full copy', () => {
  const restart = async (
    version: ServerVersion | Profile,
    shareBase: boolean
  ) => {
    await sim.close()
    sim = await startSimulator({ version, advancePerTaskPollMs: 5_000 })
    if (shareBase) sim.environment('dev').shareEnv = { isBase: true }
  }
  const creates = () =>
    sim.requests.filter(
      r =>
        r.method === 'POST' && r.path.split('?')[0] === '/openapi/environments'
    )
  const subEnvSent = () =>
    (creates()[0]?.body as { sub_env?: unknown } | undefined)?.sub_env
  const readyChecks = () =>
    sim.requests.filter(r => r.path.includes('/check/sharenv/'))
  const dataOf = (run: { outputs: Record<string, string> }) =>
    JSON.parse(run.outputs['data'] ?? '{}') as { copy?: string }

  it('on v5.0 with a share-env base: one create with sub_env, followed to healthy, and says so', async () => {
    await restart('v5.0', true)
    const run = await act('opened')
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(creates()).toHaveLength(1)
    expect(subEnvSent()).toEqual({
      enable: true,
      base_env: 'dev'
    })
    expect(readyChecks().map(r => r.path.split('?')[0])).toEqual([
      '/openapi/environments/dev/check/sharenv/enable/ready'
    ])
    expect(dataOf(run).copy).toBe('sub-environment of dev')
    expect(run.stdout).toContain('Creating pr-42 as a sub-environment of dev:')
    expect(run.outputs['env-status']).toBe('success')
    expect(sim.environment('pr-42').shareEnv).toEqual({
      isBase: false,
      baseEnv: 'dev'
    })
    expect(gh.comments[0]!.body).toContain('created (sub-environment of dev)')
    // The contract (as __tests__/contract holds the everyday operations to it).
    const routes = notedRoutes()
    const unlisted = sim.requests.filter(r => {
      const row = routes.find(
        n =>
          n.method === r.method &&
          pathPattern(n).test(r.path.split('?')[0]!) &&
          servedAt(n, 'v5.0.0')
      )
      const body = Object.keys((r.body as object | undefined) ?? {})
      return (
        !row ||
        Object.keys(r.query).some(k => !row.query.includes(k)) ||
        body.some(k => !row.body.includes(k))
      )
    })
    expect(unlisted.map(r => `${r.method} ${r.path}`)).toEqual([])
  })

  it('on v5.0 with a base not in share-env mode: a full copy, and the log says why', async () => {
    await restart('v5.0', false)
    const run = await act('opened')
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(creates()).toHaveLength(1)
    expect(subEnvSent()).toBeUndefined()
    expect(dataOf(run).copy).toBe('full copy')
    expect(run.stdout).toContain(
      'Creating pr-42 as a full copy of dev (dev is not a ready share-env base: namespace_has_istio_label, virtualservice_deployed, pods_have_istio_proxy are false):'
    )
    expect(gh.comments[0]!.body).toContain('created (full copy of dev)')
  })

  it('on v4.1 (no sub_env yet): a full copy, no sub_env sent, no share-env check', async () => {
    await restart('v4.1', true)
    const run = await act('opened')
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(creates()).toHaveLength(1)
    expect(subEnvSent()).toBeUndefined()
    expect(readyChecks()).toEqual([])
    expect(run.stdout).toContain(
      'as a full copy of dev (sub-environments need Zadig v4.2+)'
    )
    expect(sim.environment('pr-42').shareEnv).toBeUndefined()
  })

  it('on v4.2 (told from v4.1 by its server/url route) with a share-env base: a sub-environment', async () => {
    const v41 = profileOf('v4.1')
    await restart(
      {
        ...v41,
        tag: 'v4.2.0',
        probes: { ...v41.probes, serverUrl: true },
        env: { ...v41.env, subEnv: true }
      },
      true
    )
    const run = await act('opened')
    expect([run.exitCode, dataOf(run).copy]).toEqual([
      0,
      'sub-environment of dev'
    ])
    expect(subEnvSent()).toEqual({
      enable: true,
      base_env: 'dev'
    })
  })

  it('a share-env check refused (403) falls back to a full copy with one log line', async () => {
    await restart('v5.0', true)
    sim.use(ctx =>
      ctx.request.path.includes('/check/sharenv/') ? { status: 403 } : undefined
    )
    const run = await act('opened')
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(subEnvSent()).toBeUndefined()
    expect(dataOf(run).copy).toBe('full copy')
    expect(run.stdout.split('\n').filter(l => l.includes('share-env'))).toEqual(
      [
        expect.stringContaining(
          "as a full copy of dev (the token may not check dev's share-env mode"
        )
      ]
    )
  })
})
