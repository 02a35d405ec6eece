// create-service against the simulator over HTTP: a new template from inline YAML or a
// workspace file; a name already taken is refused without a write.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-c
spec:
  template:
    spec:
      containers:
        - name: svc-c
          image: harbor.example.com/library/svc-c:{{.tag}}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-c
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
    operation: 'create-service',
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')

describe('create-service', () => {
  it('creates a template from inline YAML, placeholders and documents as given', async () => {
    const run = await act({ service: 'svc-c', definition: YAML })
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toEqual({ service_name: 'svc-c', created: true })
    expect(writes()).toEqual(['POST /openapi/service/yaml/raw'])
    const post = sim.requests.find(r => r.method === 'POST')
    expect(post?.query).toEqual({ projectKey: 'demo' })
    expect(post?.body).toEqual({
      service_name: 'svc-c',
      yaml: YAML,
      production: false
    })
    const read = await runInProcess(sim, {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      operation: 'get-service',
      service: 'svc-c'
    })
    expect(data(read).yaml).toBe(YAML)
  })

  it('reads the YAML from a file and writes a production template on its route', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svc-'))
    const file = join(dir, 'svc-c.yaml')
    writeFileSync(file, YAML)
    const run = await act({
      service: 'svc-c',
      definition: file,
      production: 'true'
    })
    expect(run.exitCode).toBe(0)
    expect(writes()).toEqual(['POST /openapi/service/yaml/production/raw'])
    expect(sim.requests.at(-1)?.body).toMatchObject({
      yaml: YAML,
      production: true
    })
  })

  it('refuses a name the project already holds, sending no write', async () => {
    const run = await act({ service: 'svc-a', definition: YAML })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(run.stdout).toContain(
      'Service svc-a already exists in project demo: nothing was changed. Use operation: update-service'
    )
    expect(data(run)).toEqual({ service_name: 'svc-a', created: false })
    expect(writes()).toEqual([])
  })

  it('stops before any request when definition is neither YAML nor a file', async () => {
    const run = await act({ service: 'svc-c', definition: 'svc-c.yaml' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "definition: expected a service's YAML or the path of a YAML file in the workspace"
    )
    expect(sim.requests).toEqual([])
  })
})
