// run-scan end to end over HTTP: start a scan task once, follow it on the virtual
// clock, report its status, repositories and scanner link (docs/zadigx-api.md#scan-tasks),
// on the oldest and the newest server.
import { fileURLToPath } from 'node:url'
import type { BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import type { ServerVersion } from '../../simulator/profiles.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator

const start = (scan: string) => `/openapi/quality/codescan/${scan}/task`
const API =
  '{source: github, repo_owner: koderover, repo_name: demo-api, branch: feat/x}'
const WEB =
  '{source: github, repo_owner: koderover, repo_name: demo-web, branch: main}'

const EVENTS = fileURLToPath(
  new URL('../fixtures/github-events/', import.meta.url)
)

/** The GitHub side of a run for koderover/demo-api on `event` (a fixture's name). */
function github(event: string, name: string): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: `${EVENTS}${name}.json`,
    GITHUB_REPOSITORY: 'koderover/demo-api',
    GITHUB_REF:
      event === 'push' && name === 'push-tag'
        ? 'refs/tags/v1.2.0'
        : 'refs/heads/main',
    GITHUB_SHA: 'f'.repeat(40)
  }
}

function run(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<BundleRun> {
  return runInProcess(
    sim,
    {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      operation: 'run-scan',
      'poll-interval': '5s',
      timeout: '1h',
      ...inputs
    },
    env
  )
}

const sent = (method: string, path: string) =>
  sim.requests.filter(r => r.method === method && r.path === path)

const data = (made: BundleRun) =>
  JSON.parse(made.outputs.data ?? '{}') as Record<string, unknown>

afterEach(async () => {
  await sim.close()
})

describe.each<ServerVersion>(['v1.18', 'v5.0'])('run-scan on %s', version => {
  beforeEach(async () => {
    sim = await startSimulator({ version })
  })

  it('runs a scan to passed on the branch asked for, with its links', async () => {
    const made = await run({ scan: 'sonar', inputs: API })
    expect(made.exitCode).toBe(0)
    const page = `${sim.url}/v1/projects/detail/demo/scanner/detail/sonar/task/1`
    expect(made.outputs).toMatchObject({
      result: 'success',
      status: 'passed',
      'task-id': '1',
      'task-url': page
    })
    expect(data(made)).toMatchObject({
      scan: 'sonar',
      task_id: 1,
      status: 'passed',
      result_link: 'https://sonar.example.com/dashboard?id=demo-sonar',
      repos: [{ repo_name: 'demo-api', branch: 'feat/x' }]
    })
    expect(made.summary).toContain(`(${page})`)
    expect(made.summary).toContain(
      '[Scanner result](https://sonar.example.com/dashboard?id=demo-sonar)'
    )
    expect(made.summary).toContain('| Scan task | Value |')
    expect(made.summary).toContain('| Repository koderover/demo-api | feat/x |')
    expect(sent('POST', start('sonar')).map(r => [r.query, r.body])).toEqual([
      [
        { projectKey: 'demo' },
        {
          scan_repos: [
            {
              source: 'github',
              repo_owner: 'koderover',
              repo_name: 'demo-api',
              branch: 'feat/x'
            }
          ],
          scan_kvs: []
        }
      ]
    ])
  })

  it('fails the step when the quality gate fails the task', async () => {
    const made = await run({ scan: 'gated', inputs: API })
    expect(made.exitCode).toBe(1)
    expect(made.outputs).toMatchObject({ result: 'failure', status: 'failed' })
    expect(made.stdout + made.stderr).toContain('quality gate')
  })

  it('fails the step when ZadigX drops a repository that is not the first', async () => {
    const made = await run({ scan: 'sonar', inputs: WEB })
    expect(made.exitCode).toBe(1)
    expect(made.outputs).toMatchObject({ result: 'failure', status: 'passed' })
    expect(data(made)).toMatchObject({
      repos: [],
      dropped_repos: [{ repo_name: 'demo-web' }]
    })
    expect(made.summary).toContain('did not check out koderover/demo-web')
  })

  it('with wait: false starts the task and passes', async () => {
    const made = await run({ scan: 'lint', wait: 'false' })
    expect(made.exitCode).toBe(0)
    expect(made.outputs).toMatchObject({ result: 'running', 'task-id': '1' })
    expect(sim.quality.scans.tasks).toHaveLength(1)
  })

  it('reports an unknown scan with the server text', async () => {
    const made = await run({ scan: 'missing' })
    expect(made.exitCode).toBe(1)
    expect(made.stdout + made.stderr).toContain('no documents in result')
  })
})

describe('run-scan inputs, variables and lost answers', () => {
  beforeEach(async () => {
    sim = await startSimulator({ version: 'current' })
  })

  it('refuses a missing scan or a bad repository before any request', async () => {
    const bad: Record<string, string>[] = [
      { scan: '' },
      { scan: 'two words' },
      { scan: 'sonar', inputs: `[${API}, ${WEB}]` },
      { scan: 'sonar', inputs: '{repo_name: demo-api}' },
      {
        scan: 'sonar',
        inputs: `{source: github, repo_owner: k, repo_name: r, branch: '', pr: 0}`
      }
    ]
    const said: string[] = []
    for (const inputs of bad) {
      const made = await run(inputs)
      expect(made.exitCode).toBe(1)
      said.push(made.stdout + made.stderr)
    }
    expect(said[0]).toContain(
      'scan: operation "run-scan" needs the code scan name'
    )
    expect(said[2]).toContain('run-scan takes one repository, got 2')
    expect(said[3]).toContain('inputs.branch: expected a branch name')
    expect(said[4]).toContain('inputs.pr: expected a pull request number')
    expect(sim.requests.filter(r => r.method === 'POST')).toHaveLength(0)
  })

  it('sends parameters as the scan variables and a pull request as prs', async () => {
    const made = await run({
      scan: 'sonar',
      inputs: `{source: github, repo_owner: koderover, repo_name: demo-api, branch: main, pr: 42}`,
      parameters: 'LEVEL: strict\nDEPTH: 3'
    })
    expect(made.exitCode).toBe(0)
    expect(sent('POST', start('sonar'))[0]?.body).toMatchObject({
      scan_repos: [{ repo_name: 'demo-api', branch: 'main', prs: [42] }],
      scan_kvs: [
        { key: 'LEVEL', value: 'strict' },
        { key: 'DEPTH', value: '3' }
      ]
    })
    expect(sim.quality.scans.tasks[0]?.kvs).toHaveLength(2)
  })

  it('with use-github-ref scans this repository at the pull request: its base with the PR merged in', async () => {
    const made = await run(
      { scan: 'sonar', 'use-github-ref': 'true' },
      github('pull_request', 'pull-request-opened')
    )
    expect([made.exitCode, made.outputs.result]).toEqual([0, 'success'])
    expect(sent('POST', start('sonar'))[0]?.body).toMatchObject({
      scan_repos: [
        {
          source: 'github',
          repo_owner: 'koderover',
          repo_name: 'demo-api',
          branch: 'main',
          prs: [42]
        }
      ]
    })
    expect(made.stdout).toContain(
      'use-github-ref: scanning koderover/demo-api main with pull request #42 merged in'
    )
  })

  it('with use-github-ref on a tag push scans the tag’s branch, and lets inputs win', async () => {
    const tagged = await run(
      { scan: 'sonar', 'use-github-ref': 'true' },
      github('push', 'push-tag')
    )
    expect(tagged.exitCode).toBe(0)
    expect(sent('POST', start('sonar'))[0]?.body).toMatchObject({
      scan_repos: [{ repo_name: 'demo-api', branch: 'main' }]
    })
    const written = await run(
      { scan: 'sonar', 'use-github-ref': 'true', inputs: API },
      github('push', 'push-tag')
    )
    expect(written.exitCode).toBe(0)
    expect(sent('POST', start('sonar'))[1]?.body).toMatchObject({
      scan_repos: [{ repo_name: 'demo-api', branch: 'feat/x' }]
    })
    expect(written.stdout).toContain('scanned as written')
  })

  it('with use-github-ref refuses an event with no branch to scan, before any request', async () => {
    const made = await run(
      { scan: 'sonar', 'use-github-ref': 'true' },
      { ...github('workflow_dispatch', 'workflow-dispatch'), GITHUB_REF: '' }
    )
    expect(made.exitCode).toBe(1)
    expect(made.stdout + made.stderr).toContain(
      'use-github-ref: event workflow_dispatch names no branch, pull request or tag to scan'
    )
    expect(sim.requests.filter(r => r.method === 'POST')).toEqual([])
  })

  it('never sends the start again when its answer is lost', async () => {
    sim.faults.add({
      method: 'POST',
      path: start('sonar'),
      kind: 'lost-response'
    })
    const made = await run({ scan: 'sonar', inputs: API })
    expect(made.exitCode).toBe(1)
    expect(made.outputs.result).toBe('failure')
    expect(made.stdout + made.stderr).toContain('It is not sent again')
    expect(made.stdout + made.stderr).toContain("check the scan's task list")
    expect(sent('POST', start('sonar'))).toHaveLength(1)
    expect(sim.quality.scans.tasks).toHaveLength(1)
  })
})
