// create-scan end to end over HTTP: a scan created from `definition` once, checked
// before sending, and refused where the server crashes on the route
// (docs/zadigx-api.md#create-scan).
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { profileOf, type ServerVersion } from '../../simulator/profiles.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const CREATE = '/openapi/quality/codescan'
const SCAN = `
name: api-sonar
scanner_type: sonarQube
sonar_system: sonar-main
image_name: ubuntu-20.04
enable_quality_gate: true
repo_info:
  - {codehost_name: github, repo_namespace: koderover, repo_name: demo-api, branch: main}
advanced_settings:
  cluster_name: local-cluster
  timeout: 3600
`

function run(inputs: Record<string, string>): Promise<BundleRun> {
  return runInProcess(sim, {
    url: sim.url,
    token: sim.token,
    project: 'demo',
    operation: 'create-scan',
    'poll-interval': '5s',
    ...inputs
  })
}

const creates = () =>
  sim.requests.filter(r => r.method === 'POST' && r.path === CREATE)

const said = (made: BundleRun) => made.stdout + made.stderr

afterEach(async () => {
  await sim.close()
})

describe.each<ServerVersion>(['v1.18', 'v4.1'])(
  'create-scan on %s',
  version => {
    beforeEach(async () => {
      sim = await startSimulator({ version })
    })

    it('creates the scan in the project, then run-scan runs it', async () => {
      const made = await run({ definition: SCAN })
      expect(made.exitCode).toBe(0)
      expect(JSON.parse(made.outputs.data ?? '{}')).toEqual({
        scan: 'api-sonar',
        project: 'demo',
        scanner_type: 'sonarQube',
        created: true
      })
      expect(creates()).toHaveLength(1)
      expect(creates()[0]?.body).toMatchObject({
        name: 'api-sonar',
        project_key: 'demo',
        advanced_settings: { cluster_name: 'local-cluster' }
      })
      const scanned = await run({
        operation: 'run-scan',
        scan: 'api-sonar',
        inputs:
          '{source: github, repo_owner: koderover, repo_name: demo-api, branch: main}'
      })
      expect(scanned.exitCode).toBe(0)
      expect(scanned.outputs.status).toBe('passed')
    })

    it('reports an unknown cluster with the server text', async () => {
      const made = await run({
        definition: SCAN.replace('local-cluster', 'far-away')
      })
      expect(made.exitCode).toBe(1)
      expect(said(made)).toContain('failed to find cluster of name: far-away')
    })

    it('explains the empty 500 of an unknown image, and does not send again', async () => {
      const made = await run({
        definition: SCAN.replace('ubuntu-20.04', 'no-such-image')
      })
      expect(made.exitCode).toBe(1)
      expect(said(made)).toContain('empty HTTP 500')
      expect(said(made)).toContain('It is not sent again')
      expect(creates()).toHaveLength(1)
    })
  }
)

describe('create-scan on a current server and with bad definitions', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('does not send to Zadig v5.0, which crashes on every create', async () => {
    const made = await run({ definition: SCAN })
    expect(made.exitCode).toBe(1)
    expect(made.outputs.result).toBe('failure')
    expect(said(made)).toContain(
      'Not sent: this ZadigX server (Zadig v4.2 or later)'
    )
    expect(creates()).toHaveLength(0)
  })

  it('does not send to Zadig v4.2, told from v4.1 by its server/url route', async () => {
    await sim.close()
    const v41 = profileOf('v4.1')
    sim = await startSimulator({
      version: {
        ...v41,
        tag: 'v4.2.0',
        probes: { ...v41.probes, serverUrl: true }
      }
    })
    const made = await run({ definition: SCAN })
    expect([made.exitCode, made.outputs.result]).toEqual([1, 'failure'])
    expect(said(made)).toContain(
      'Not sent: this ZadigX server (Zadig v4.2 or later)'
    )
    expect(creates()).toHaveLength(0)
  })

  it('refuses a definition the server would refuse or crash on, before any request', async () => {
    const made = await run({
      definition: `
name: two words
scanner_type: sonar
project_key: other
timeout: 5
repo_info: [{codehost_name: github}]
`
    })
    expect(made.exitCode).toBe(1)
    const text = said(made)
    for (const problem of [
      'definition.name: expected the scan name',
      'definition.scanner_type: expected sonarQube or other',
      'definition.image_name: expected the name of a ZadigX build image',
      'definition.project_key: expected the project input "demo"',
      'definition.advanced_settings: expected a mapping with cluster_name',
      'definition.repo_info[0].repo_name: expected a text',
      'expected only the fields'
    ])
      expect(text).toContain(problem)
    expect(sim.requests).toHaveLength(0)
  })
})
