// End-to-end: create-registry against the simulator, as a user sees it (exit code,
// outputs, log, what reached the server); the keys never appear anywhere.
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  startSimulator,
  type OpenAPIRegistry,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { DRIVERS, type Driver } from '../helpers/drivers.js'

const PATH = '/openapi/system/registry'
const ACCESS = 'robot$ci-pusher-7781'
const SECRET = 'Reg1stry-S3cret-Pa55word-x9q'
const HARBOR: OpenAPIRegistry = {
  registry_id: '64b8d2f0c1a2b3c4d5e6f701',
  address: 'https://harbor.example.com',
  provider: 'harbor',
  region: '',
  namespace: 'library',
  is_default: true
}
const TEAM_A = `address: https://harbor.example.com
provider: harbor
namespace: team-a
`

let sim: Simulator
let driver: Driver
let registries: OpenAPIRegistry[]

async function serve(version: ServerVersion, list = [{ ...HARBOR }]) {
  registries = list
  sim = await startSimulator({ version, registries })
}

function act(
  inputs: Record<string, string>,
  token = sim.token
): Promise<BundleRun> {
  return driver(sim, {
    url: sim.url,
    token,
    operation: 'create-registry',
    'registry-access-key': ACCESS,
    'registry-secret-key': SECRET,
    ...inputs
  })
}

const posts = () => sim.requests.filter(r => r.method === 'POST')
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')
const everything = (run: BundleRun) =>
  [
    run.stdout,
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify(run.state)
  ].join('\n')

// The runner reads ::add-mask:: lines and never shows them: that is how the keys are
// masked. They must be there for both keys, and the keys nowhere else.
function expectNoSecret(run: BundleRun, registered = true): void {
  const lines = everything(run).split('\n')
  const masks = lines.filter(l => l.startsWith('::add-mask::'))
  if (registered)
    for (const secret of [ACCESS, SECRET])
      expect(masks).toContain(`::add-mask::${secret}`)
  const shown = lines.filter(l => !l.startsWith('::add-mask::')).join('\n')
  for (const secret of [ACCESS, SECRET]) expect(shown).not.toContain(secret)
}

afterEach(async () => {
  await sim?.close()
})

describe.each(DRIVERS)('create-registry (%s)', (_name, drive) => {
  beforeAll(() => {
    driver = drive
  })

  it('adds the registry once, reports its id from the list, and never shows the keys', async () => {
    await serve('v5.0')
    const run = await act({ registry: TEAM_A })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    const added = registries.find(r => r.namespace === 'team-a')
    expect(data(run)).toEqual({
      id: added?.registry_id,
      address: 'https://harbor.example.com',
      namespace: 'team-a',
      provider: 'harbor',
      is_default: false,
      created: true
    })
    expect(posts().map(r => r.body)).toEqual([
      {
        address: 'https://harbor.example.com',
        provider: 'harbor',
        namespace: 'team-a',
        region: '',
        is_default: false,
        access_key: ACCESS,
        secret_key: SECRET,
        enable_tls: false,
        tls_cert: ''
      }
    ])
    expect(run.stdout).toContain(
      'Created image registry https://harbor.example.com/team-a'
    )
    expect(registries.find(r => r.namespace === 'library')?.is_default).toBe(
      true
    )
    expectNoSecret(run)
  })

  it('is-default: true makes it the default in place of the current one (v1.18)', async () => {
    await serve('v1.18')
    const run = await act({ registry: `${TEAM_A}is-default: true\n` })
    expect(run.exitCode).toBe(0)
    expect(data(run)).toMatchObject({ is_default: true, created: true })
    expect(registries.filter(r => r.is_default).map(r => r.namespace)).toEqual([
      'team-a'
    ])
    expect(run.stdout).toContain(
      'https://harbor.example.com/library is no longer the default'
    )
    expectNoSecret(run)
  })

  it('sends nothing when a registry of that address and namespace exists', async () => {
    await serve('v5.0')
    const run = await act({
      registry:
        'address: https://harbor.example.com/\nprovider: harbor\nnamespace: " library "\n'
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toEqual({
      id: HARBOR.registry_id,
      address: HARBOR.address,
      namespace: 'library',
      provider: 'harbor',
      is_default: true,
      created: false
    })
    expect(posts()).toEqual([])
    expect(run.stdout).toContain('already exists')
    // It is the default, the input did not ask for that: said, not changed.
    expect(run.stdout).toContain('is the default')
    expectNoSecret(run)
  })

  it('a token without system admin gets a clear refusal, and nothing is created', async () => {
    await serve('v5.0')
    const run = await act({ registry: TEAM_A }, sim.tokens['alice'])
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(run.stdout).toContain('only a system admin may add one')
    expect(posts()).toHaveLength(1)
    expect(registries).toHaveLength(1)
    expectNoSecret(run)
  })

  it('a lost answer is looked up in the list, not sent again', async () => {
    await serve('v5.0')
    sim.faults.add({ method: 'POST', path: PATH, kind: 'lost-response' })
    const run = await act({ registry: TEAM_A })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(posts()).toHaveLength(1)
    expect(registries.filter(r => r.namespace === 'team-a')).toHaveLength(1)
    expect(data(run)).toMatchObject({ namespace: 'team-a', created: true })
    expect(data(run).id).toMatch(/^[0-9a-f]{24}$/)
    expect(run.stdout).toContain(
      'it was created. The request was not sent again'
    )
    expectNoSecret(run)
  })

  it('a 500 after the registry was stored is reported as created', async () => {
    await serve('v5.0')
    sim.faults.add({
      method: 'POST',
      path: PATH,
      kind: 'status',
      status: 500,
      create: true,
      contentType: 'application/json',
      body: JSON.stringify({
        message: 'Internal Error: ',
        code: 500,
        description: 'failed to get dynamic client to update dind'
      })
    })
    const run = await act({ registry: TEAM_A })
    expect(run.exitCode).toBe(0)
    expect(data(run)).toMatchObject({ created: true })
    expect(posts()).toHaveLength(1)
    expect(run.stdout).toContain('HTTP 500 (failed to get dynamic client')
    expectNoSecret(run)
  })

  it('a lost answer with nothing stored fails without a second request', async () => {
    await serve('v5.0')
    sim.faults.add({ method: 'POST', path: PATH, kind: 'reset' })
    const run = await act({ registry: TEAM_A })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(posts()).toHaveLength(1)
    expect(run.stdout).toContain('is not listed: it was not created')
    expect(run.stdout).toContain('It was not sent again')
    expect(data(run)).toMatchObject({ created: false })
    expectNoSecret(run)
  })

  it('explains the first-registry rule of ZadigX up to v3.0', async () => {
    await serve('v3.0', [])
    const run = await act({ registry: TEAM_A })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('There must be at least 1 default registry')
    expect(run.stdout).toContain('set is-default: true')
    expect(registries).toEqual([])
  })

  it('refuses bad input before any request, naming each input, never the keys', async () => {
    await serve('v5.0')
    const run = await act({
      registry: `address: harbor.example.com
provider: quay
secret_key: ${SECRET}
`,
      'registry-secret-key': ''
    })
    expect(run.exitCode).toBe(1)
    expect(sim.requests).toEqual([])
    expect(run.stdout).toContain('registry.address: expected a URL')
    expect(run.stdout).toContain('registry.provider: expected one of harbor')
    expect(run.stdout).toContain(
      'registry: expected no credentials in registry, got "secret_key"'
    )
    expect(run.stdout).toContain(
      'registry-secret-key: expected the secret key (or password)'
    )
    expectNoSecret(run, false)
  })
})
