// create-registry when the reads around the create fail: the create is still sent
// once, and the step says what it knows and what it does not.
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const PATH = '/openapi/system/registry'
const SECRET = 'sk-Registry-0a9b8c7d6e'

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ version: 'v4.1' })
})
afterEach(async () => {
  await sim.close()
})

const act = (): Promise<BundleRun> =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    operation: 'create-registry',
    registry:
      '{"address": "https://registry.example.com", "provider": "native", "namespace": "ci"}',
    'registry-access-key': 'ci-robot-account',
    'registry-secret-key': SECRET
  })
const posts = () => sim.requests.filter(r => r.method === 'POST')
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')
const shown = (run: BundleRun) =>
  run.stdout
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')

// Every GET after the first answers 502, retries included.
const listBreaksAfterFirstRead = () =>
  sim.faults.add({
    method: 'GET',
    path: PATH,
    kind: 'status',
    status: 502,
    after: 1,
    times: Infinity
  })

describe('create-registry around failed reads', () => {
  it('a created registry that cannot be read back passes, without an id', async () => {
    listBreaksAfterFirstRead()
    const run = await act()
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toEqual({
      address: 'https://registry.example.com',
      namespace: 'ci',
      provider: 'native',
      is_default: false,
      created: true
    })
    expect(posts()).toHaveLength(1)
    expect(shown(run)).toContain('does not list it yet; data has no id')
    expect(shown(run)).not.toContain(SECRET)
  })

  it('a lost answer that cannot be checked fails, says it may exist, and is not resent', async () => {
    sim.faults.add({ method: 'POST', path: PATH, kind: 'lost-response' })
    listBreaksAfterFirstRead()
    const run = await act()
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(posts()).toHaveLength(1)
    expect(shown(run)).toContain(
      'the registry list could not be read (ZadigX GET /openapi/system/registry failed'
    )
    expect(shown(run)).toContain('may exist. Check System settings')
    expect(data(run)).toMatchObject({ created: false })
    expect(shown(run)).not.toContain(SECRET)
  })

  it('a first read that fails stops the step before anything is sent', async () => {
    sim.faults.add({
      method: 'GET',
      path: PATH,
      kind: 'status',
      status: 502,
      times: Infinity
    })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(posts()).toEqual([])
  })

  it("a licence gate's 403 is shown with the admin hint", async () => {
    sim.faults.add({
      method: 'POST',
      path: PATH,
      kind: 'status',
      status: 403,
      contentType: 'application/json',
      body: JSON.stringify({
        code: 1001,
        message: '许可证已过期',
        description: ''
      })
    })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(shown(run)).toContain('only a system admin may add one')
    expect(shown(run)).toContain('1001')
    expect(posts()).toHaveLength(1)
  })

  it('a server that echoes the secret key in its refusal shows it masked', async () => {
    sim.faults.add({
      method: 'POST',
      path: PATH,
      kind: 'status',
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({
        message: 'Internal Error: ',
        code: 500,
        description: `login to registry failed with secret ${SECRET}`
      })
    })
    const run = await act()
    expect(run.exitCode).toBe(1)
    expect(shown(run)).toContain('login to registry failed with secret ***')
    for (const text of [shown(run), run.summary, JSON.stringify(run.outputs)])
      expect(text).not.toContain(SECRET)
  })
})
