// create-build against the simulator over HTTP: a build from a template, and the
// refusals a user meets (taken names, unknown templates, permissions, lost answers).
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { runInProcess } from '../helpers/in-process.js'

const TARGETS = `- service_name: svc-b
  repo_info:
    - { codehost_name: github, repo_namespace: demo, repo_name: svc-b, branch: main }
  inputs: { GO_VERSION: 1.22 }
`

let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ version: 'v5.0' })
})
afterEach(async () => {
  await sim.close()
})

const act = (inputs: Record<string, string>, token = sim.token) =>
  runInProcess(sim, {
    url: sim.url,
    token,
    operation: 'create-build',
    project: 'demo',
    build: 'svc-b-build',
    'build-template': 'go-build',
    definition: TARGETS,
    ...inputs
  })
const writes = () =>
  sim.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`)
const data = (run: BundleRun) => JSON.parse(run.outputs['data'] ?? 'null')
const said = (run: BundleRun) => run.stdout + run.stderr

describe('create-build', () => {
  it('creates the build from its template and shows what ZadigX stored', async () => {
    const run = await act({})
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(data(run)).toEqual({
      build: 'svc-b-build',
      project_key: 'demo',
      template_name: 'go-build',
      created: true,
      target_services: [{ service_name: 'svc-b', service_module: 'svc-b' }]
    })
    const post = sim.requests.find(r => r.method === 'POST')
    expect(post?.query).toEqual({ source: 'template' })
    expect(post?.body).toEqual({
      name: 'svc-b-build',
      project_key: 'demo',
      template_name: 'go-build',
      target_services: [
        {
          service_name: 'svc-b',
          service_module: 'svc-b',
          repo_info: [
            {
              codehost_name: 'github',
              repo_namespace: 'demo',
              repo_name: 'svc-b',
              branch: 'main'
            }
          ],
          inputs: [{ key: 'GO_VERSION', value: '1.22' }]
        }
      ]
    })
  })

  it('fails without sending anything when the project holds the build', async () => {
    const run = await act({ build: 'svc-a-build' })
    expect([run.exitCode, run.outputs['result']]).toEqual([1, 'failure'])
    expect(said(run)).toContain(
      'Build svc-a-build already exists in project demo: nothing was sent'
    )
    expect(writes()).toEqual([])
  })

  it('names the project that holds a name taken elsewhere', async () => {
    // demo's svc-a-build, asked for in project other: not in it, but taken.
    const again = await act({ project: 'other', build: 'svc-a-build' })
    expect(again.exitCode).toBe(1)
    expect(writes()).toEqual(['POST /openapi/build'])
    expect(said(again)).toContain('taken in another project')
    expect(said(again)).toContain('demo项目中有相同的构建名称存在')
  })

  it('names build-template when ZadigX has no such template', async () => {
    const run = await act({ 'build-template': 'rust-build' })
    expect(run.exitCode).toBe(1)
    expect(said(run)).toContain(
      'build-template: ZadigX has no build template named rust-build'
    )
  })

  it('says which right is missing on a 403', async () => {
    const run = await act({}, sim.tokens['carol'])
    expect(run.exitCode).toBe(1)
    expect(said(run)).toContain('needs to be a project admin of demo')
  })

  it('looks a lost answer up instead of sending the create again', async () => {
    sim.faults.add({
      method: 'POST',
      path: '/openapi/build',
      kind: 'lost-response'
    })
    const run = await act({})
    expect([run.exitCode, run.outputs['result']]).toEqual([0, 'success'])
    expect(writes()).toEqual(['POST /openapi/build'])
    expect(said(run)).toContain('looking build svc-b-build up')
  })

  it('refuses bad inputs before any request, naming the input', async () => {
    const run = await act({
      build: 'two words',
      definition:
        '- service_name: svc-b\n  repo_info: [{codehost_name: github}]'
    })
    expect(run.exitCode).toBe(1)
    expect(said(run)).toContain('build: expected a key')
    expect(said(run)).toContain(
      'definition[0]: repo_info[0]: expected repo_namespace, repo_name, branch'
    )
    expect(sim.requests).toEqual([])
    const missing = await act({ definition: '' })
    expect(said(missing)).toContain(
      'definition: operation "create-build" needs'
    )
  })
})
