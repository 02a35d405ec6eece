// update-service against the simulator over HTTP: the template's YAML replaced, the
// environments that still run the old YAML named; unknown names and unchanged YAML
// send no write.
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const yamlFor = (name: string, tag: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: harbor.example.com/library/${name}:${tag}
`

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ version: 'v3.3' })
})
afterEach(async () => {
  await sim.close()
})

const act = (inputs: Record<string, string>): Promise<BundleRun> =>
  runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')

describe('update-service', () => {
  it('replaces the YAML and names the environments that run the old one', async () => {
    const yaml = yamlFor('svc-a', '2.0.0')
    const run = await act({
      operation: 'update-service',
      service: 'svc-a',
      definition: yaml
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toEqual({
      service_name: 'svc-a',
      updated: true,
      environments: ['dev']
    })
    expect(writes()).toEqual(['PUT /openapi/service/yaml/svc-a'])
    const put = sim.requests.find(r => r.method === 'PUT')
    expect([put?.query, put?.body]).toEqual([
      { projectKey: 'demo' },
      { type: 'k8s', yaml }
    ])
    expect(run.stdout).toContain(
      'Environments dev run svc-a from the previous YAML until they are updated (operation: update-env-services)'
    )
    const read = await act({ operation: 'get-service', service: 'svc-a' })
    expect(data(read).yaml).toBe(yaml)
  })

  it('updates a production template on its route and looks in production environments', async () => {
    const run = await act({
      operation: 'update-service',
      service: 'svc-a',
      production: 'true',
      definition: yamlFor('svc-a', '1.0.0')
    })
    expect(data(run)).toEqual({
      service_name: 'svc-a',
      updated: true,
      environments: ['prod']
    })
    expect(writes()).toEqual(['PUT /openapi/service/yaml/production/svc-a'])
  })

  it('sends nothing when the template already holds this YAML', async () => {
    const yaml = yamlFor('svc-b', '3.0.0')
    await act({
      operation: 'update-service',
      service: 'svc-b',
      definition: yaml
    })
    const again = await act({
      operation: 'update-service',
      service: 'svc-b',
      definition: yaml
    })
    expect([again.exitCode, data(again)]).toEqual([
      0,
      { service_name: 'svc-b', updated: false, environments: null }
    ])
    expect(again.stdout).toContain('already has this YAML: nothing was sent')
    expect(writes()).toEqual(['PUT /openapi/service/yaml/svc-b'])
  })

  it('refuses a service the project does not hold, pointing at create-service', async () => {
    const run = await act({
      operation: 'update-service',
      service: 'svc-z',
      definition: yamlFor('svc-z', '1.0.0')
    })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(run.stdout).toContain(
      'Service svc-z does not exist in project demo: nothing was changed. Use operation: create-service'
    )
    expect(writes()).toEqual([])
  })
})
