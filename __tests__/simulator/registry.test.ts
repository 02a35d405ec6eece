// POST /openapi/system/registry as the simulator serves it (docs/zadigx-api.md#create-registry):
// admin only, the server's checks as plain 500s, the default demoted, no uniqueness.
import {
  startSimulator,
  type OpenAPIRegistry,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { call } from '../helpers/sim-http.js'

const PATH = '/openapi/system/registry'
const BODY = {
  address: 'https://harbor.example.com',
  provider: 'harbor',
  namespace: ' team-a ',
  is_default: false,
  access_key: 'robot',
  secret_key: 'secret'
}

let sim: Simulator

async function serve(version: ServerVersion, registries?: OpenAPIRegistry[]) {
  sim = await startSimulator({ version, ...(registries ? { registries } : {}) })
}

const list = async () =>
  (await call(sim, 'GET', PATH)).json as OpenAPIRegistry[]

afterEach(async () => {
  await sim.close()
})

describe('POST /openapi/system/registry', () => {
  it('stores the registry (namespace trimmed, no credentials listed) and answers without an id', async () => {
    await serve('v5.0')
    const reply = await call(sim, 'POST', PATH, BODY)
    expect([reply.status, reply.json]).toEqual([200, { message: 'success' }])
    const added = (await list()).find(r => r.namespace === 'team-a')
    expect(added).toEqual({
      registry_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      address: 'https://harbor.example.com',
      provider: 'harbor',
      region: '',
      namespace: 'team-a',
      is_default: false
    })
    expect(JSON.stringify(await list())).not.toContain('secret')
  })

  it('stores a second registry of the same address and namespace', async () => {
    await serve('v5.0')
    await call(sim, 'POST', PATH, BODY)
    await call(sim, 'POST', PATH, BODY)
    expect((await list()).filter(r => r.namespace === 'team-a')).toHaveLength(2)
  })

  it('is_default: true demotes the current default', async () => {
    await serve('v1.18')
    await call(sim, 'POST', PATH, { ...BODY, is_default: true })
    expect((await list()).map(r => [r.namespace, r.is_default])).toEqual([
      ['library', false],
      ['team-a', true]
    ])
  })

  it('answers an empty 403 to a user who is not a system admin', async () => {
    await serve('v5.0')
    const reply = await call(sim, 'POST', PATH, BODY, {
      token: sim.tokens['alice']
    })
    expect([reply.status, reply.text]).toEqual([403, ''])
    expect(await list()).toHaveLength(1)
  })

  it.each([
    [{ address: '' }, 'address cannot be empty'],
    [{ provider: 'jfrog' }, 'unsupported registry provider'],
    [{ namespace: '' }, 'namespace cannot be empty'],
    [
      { provider: 'ecr', namespace: '' },
      'region is a required field for ECR provider'
    ],
    [{ address: 'harbor.example.com' }, 'address needs to be a valid URL']
  ])('refuses %j with the plain 500 %s', async (change, description) => {
    await serve('v5.0')
    const reply = await call(sim, 'POST', PATH, { ...BODY, ...change })
    expect([reply.status, reply.json]).toEqual([
      500,
      { message: 'Internal Error: ', code: 500, description }
    ])
    expect(await list()).toHaveLength(1)
  })

  it('answers a bare 400 to a body that does not bind', async () => {
    await serve('v5.0')
    const reply = await call(sim, 'POST', PATH, { ...BODY, is_default: 'true' })
    expect([reply.status, reply.text]).toEqual([400, ''])
  })

  it.each([
    ['v3.0', 500],
    ['v3.1', 200]
  ] as const)(
    'on %s a first registry that is not the default answers %i',
    async (version, status) => {
      await serve(version, [])
      const reply = await call(sim, 'POST', PATH, BODY)
      expect(reply.status).toBe(status)
      expect(await list()).toHaveLength(status === 200 ? 1 : 0)
    }
  )
})
