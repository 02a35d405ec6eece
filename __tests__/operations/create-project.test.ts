// create-project against the simulator over HTTP: an empty project, one with
// services and environments followed until ready, and the refusals a user meets.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BundleRun } from '../../scripts/local-runner.js'
import {
  startSimulator,
  type ServerVersion,
  type Simulator
} from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const P = '/openapi/projects/project'
const YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: harbor.example.com/shop/api:1.0.0
`
const SETUP = `description: The shop
services:
  - name: web
    template: nginx-template
    variables: { PORT: 8080 }
  - name: api
    yaml: |
${YAML.replace(/^/gm, '      ')}
envs:
  - { key: dev, cluster: local-cluster }
  - { key: qa, cluster: local-cluster, namespace: shop-qa }
`

let sim: Simulator

async function start(version: ServerVersion) {
  sim = await startSimulator({ version })
}
afterEach(async () => {
  await sim.close()
})

const act = (inputs: Record<string, string>, token = sim.token) =>
  runInProcess(sim, {
    url: sim.url,
    token,
    operation: 'create-project',
    project: 'shop',
    'poll-interval': '5s',
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')
const said = (run: BundleRun) => run.stdout + run.stderr

describe('create-project', () => {
  it('creates an empty project after checking it does not exist', async () => {
    await start('v5.0')
    const run = await act({ 'project-name': 'Shop', 'project-type': 'helm' })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toMatchObject({
      project_key: 'shop',
      project_name: 'Shop',
      project_type: 'helm',
      created: true,
      envs: []
    })
    expect(writes()).toEqual([`POST ${P}`])
    expect(sim.requests.find(r => r.method === 'POST')?.body).toEqual({
      project_name: 'Shop',
      project_key: 'shop',
      is_public: false,
      description: '',
      project_type: 'helm'
    })
  })

  it('fails without sending anything when the project exists', async () => {
    await start('v1.18')
    const run = await act({ project: 'demo' })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(said(run)).toContain('Project demo already exists: nothing was sent')
    expect(writes()).toEqual([])
  })

  it.each(['v1.18', 'v3.3'] as const)(
    'on %s creates the services and follows each environment until ready',
    async version => {
      await start(version)
      const run = await act({ definition: SETUP, timeout: '10m' })
      expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
      expect(data(run).envs).toEqual([
        { env_key: 'dev', status: 'ready' },
        { env_key: 'qa', status: 'ready' }
      ])
      expect(data(run).services).toEqual(['web', 'api'])
      expect(writes()).toEqual([`POST ${P}/init/yaml`])
      const body = sim.requests.find(r => r.method === 'POST')?.body as {
        env_list: unknown[]
        service_list: unknown[]
      }
      // Both names of the key: v1.18.0 reads env_name, ee-1.8.0 on env_key.
      expect(body.env_list).toEqual([
        {
          env_name: 'dev',
          env_key: 'dev',
          cluster_name: 'local-cluster',
          namespace: 'shop-env-dev'
        },
        {
          env_name: 'qa',
          env_key: 'qa',
          cluster_name: 'local-cluster',
          namespace: 'shop-qa'
        }
      ])
      expect(body.service_list[0]).toEqual({
        source: 'template',
        service_name: 'web',
        template_name: 'nginx-template',
        variable_yaml: [{ key: 'PORT', value: '8080' }],
        auto_sync: false
      })
      expect(said(run)).toMatch(/Environment dev: ready/)
      expect(said(run)).toMatch(/Environment qa: ready/)
      expect(sim.environment('qa', 'shop')).toBeDefined()
    }
  )

  it('says the environments were refused when the project was created without them', async () => {
    await start('v5.0')
    const run = await act({
      definition: SETUP.replace('cluster: local-cluster }', 'cluster: nope }')
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(data(run).created).toBe(true)
    expect(said(run)).toContain(
      'Created project shop with its services, but ZadigX refused its environments'
    )
    expect(said(run)).toContain('failed to find a cluster with name: nope')
  })

  it('says "needs system admin" when a non-admin token is refused (v2.2+)', async () => {
    await start('v2.2')
    const run = await act({}, sim.tokens['alice'])
    expect(run.exitCode).toBe(1)
    expect(said(run)).toContain('create-project needs system admin')
    expect(writes()).toEqual([])
  })

  it('looks a lost answer up instead of sending the create again', async () => {
    await start('v5.0')
    sim.faults.add({ method: 'POST', path: P, kind: 'lost-response' })
    const run = await act({})
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(writes()).toEqual([`POST ${P}`])
    expect(said(run)).toContain(
      'looking the project up instead of sending it again'
    )
  })

  it('refuses bad inputs before any request, naming the input', async () => {
    await start('v5.0')
    const run = await act({
      project: 'Shop_1',
      'project-type': 'k8s',
      definition:
        'envs: [{key: dev}]\nservices: [{name: web, yaml: x, template: y}]'
    })
    expect(run.exitCode).toBe(1)
    const text = said(run)
    expect(text).toContain('project: expected a new project key')
    expect(text).toContain(
      'project-type: expected one of yaml, helm, loaded, vm'
    )
    expect(text).toContain('definition: services[0]: expected either yaml')
    expect(text).toContain('definition: envs[0]: expected cluster')
    expect(sim.requests).toEqual([])
  })

  it('refuses services for a project type ZadigX does not initialise', async () => {
    await start('v5.0')
    const run = await act({ definition: SETUP, 'project-type': 'vm' })
    expect(run.exitCode).toBe(1)
    expect(said(run)).toContain(
      'project-type: services and envs in definition need yaml or helm'
    )
    expect(sim.requests).toEqual([])
  })

  it('reads definition from a file, and says so when the file is missing', async () => {
    await start('v5.0')
    const dir = mkdtempSync(join(tmpdir(), 'project-'))
    const file = join(dir, 'shop.yaml')
    writeFileSync(file, SETUP)
    const run = await act({ definition: file, wait: 'false' })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'running'])
    expect(writes()).toEqual([`POST ${P}/init/yaml`])
    const missing = await act({ definition: join(dir, 'nope.yaml') })
    expect(missing.exitCode).toBe(1)
    expect(said(missing)).toContain(
      'definition: expected YAML/JSON or the path of a file'
    )
  })

  it('does not wait for the environments with wait: false', async () => {
    await start('v5.0')
    const run = await act({ definition: SETUP, wait: 'false' })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'running'])
    expect(data(run).envs).toEqual([
      { env_key: 'dev', status: 'creating' },
      { env_key: 'qa', status: 'creating' }
    ])
  })
})
