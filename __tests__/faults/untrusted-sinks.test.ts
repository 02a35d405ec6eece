// A hostile ZadigX: it echoes the Authorization header it received (raw, base64,
// URL-encoded, its JWT signature) into stage names, job names and job errors, and fills
// them with workflow commands, HTML, links and megabytes. Nothing of it may reach the log,
// the outputs, the job summary or a request to the GitHub API in a form that leaks the
// token, runs a command, renders, links, mentions or breaks GitHub's size limits.
import { fileURLToPath } from 'node:url'
import { visibleLog, type BundleRun } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { runInProcess } from '../helpers/in-process.js'

let sim: Simulator
let gh: FakeGitHub

const TASK = '/openapi/workflows/custom/task'
const ECHO =
  ' {authorization} {authorization-base64} {authorization-url} sig={signature}'
const PR_EVENT = fileURLToPath(
  new URL('../fixtures/github-events/pull-request-opened.json', import.meta.url)
)

/** Every form of the token a leak could take. */
function tokenForms(token: string): string[] {
  const header = `Bearer ${token}`
  return [
    token,
    Buffer.from(header).toString('base64'),
    Buffer.from(token).toString('base64'),
    encodeURIComponent(header),
    token.split('.')[2] ?? token
  ]
}

/** Runs the action on a pull request with every GitHub report on. */
const act = (inputs: Record<string, string> = {}): Promise<BundleRun> =>
  runInProcess(
    sim,
    {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      workflow: 'build-deploy',
      'poll-interval': '5s',
      'github-token': 'ghs_fake_job_token',
      'commit-status': 'true',
      environment: 'staging',
      'pr-comment': 'true',
      ...inputs
    },
    {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: PR_EVENT,
      GITHUB_REPOSITORY: 'demo-group/svc-a',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: gh.url,
      GITHUB_RUN_ID: '777'
    }
  )

/** Where a leak would show: everything the step wrote and sent to GitHub. */
function sinks(run: BundleRun): Record<string, string> {
  return {
    log: visibleLog(run.stdout),
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    state: JSON.stringify(run.state),
    github: JSON.stringify(
      gh.requests.map(r => ({ path: r.path, headers: r.headers, body: r.body }))
    )
  }
}

function leaks(run: BundleRun): string[] {
  const found: string[] = []
  for (const [sink, text] of Object.entries(sinks(run)))
    for (const form of tokenForms(sim.token))
      if (text.includes(form)) found.push(`${sink}: ${form.slice(0, 12)}…`)
  return found
}

const bodies = (pattern: RegExp): Record<string, unknown>[] =>
  gh.requests
    .filter(r => pattern.test(`${r.method} ${r.path}`))
    .map(r => r.body ?? {})

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
  gh = await startFakeGitHub()
})

afterEach(async () => {
  await gh.close()
  await sim.close()
})

describe('a server that echoes the token', () => {
  it('into stage names, job names and job errors: scrubbed from every sink', async () => {
    const build = sim.workflow('build-deploy').stages[0]?.jobs[0]
    if (build)
      build.script = { durationSec: 60, outcome: 'failed', error: 'denied' }
    sim.faults.add({
      method: 'GET',
      path: TASK,
      kind: 'hostile-text',
      text: ECHO,
      times: Infinity
    })
    const run = await act()
    expect(sim.faults.counts['hostile-text']).toBeGreaterThan(0)
    expect(run.outputs.result).toBe('failure')
    expect(run.exitCode).toBe(1)
    expect(leaks(run)).toEqual([])
    // What was scrubbed is still shown, masked.
    expect(run.outputs.stages).toContain('***')
    expect(run.summary).toContain('denied')
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]?.body).toContain('denied')
  })

  it('into the error of a refused trigger: scrubbed from the failure everywhere', async () => {
    const header = `Bearer ${sim.token}`
    sim.faults.add({
      method: 'POST',
      path: TASK,
      kind: 'status',
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        code: 6160,
        message: 'bad request',
        description: `got ${header} = ${Buffer.from(header).toString('base64')} (${encodeURIComponent(header)})`
      })
    })
    const run = await act()
    expect(run.outputs.result).toBe('failure')
    expect(visibleLog(run.stdout)).toContain('bad request')
    expect(leaks(run)).toEqual([])
  })
})

describe('a server that sends hostile text', () => {
  const HUGE = 5 * 1024 * 1024
  const hostile = [
    '\n::warning::pwned',
    '\n::add-mask::pwned',
    '\n::stop-commands::pwned',
    '<img src=x onerror=alert(1)>',
    'https://evil.example/x',
    'fixes #1',
    '@octocat'
  ].join(' ')

  it('issues no command, renders nothing, links nothing and fits GitHub’s limits', async () => {
    // A 5 MB stage name, as the server stores it; every name and error of the new
    // task's detail also carries commands, HTML, a link, a reference and a mention.
    const stage = sim.workflow('build-deploy').stages[0]
    if (stage) stage.name = `build ${'A'.repeat(HUGE)}`
    sim.faults.add({
      method: 'GET',
      path: TASK,
      query: { taskId: '11' },
      kind: 'hostile-text',
      text: hostile,
      times: Infinity
    })
    const run = await act()
    expect(sim.faults.counts['hostile-text']).toBeGreaterThan(0)
    const task = sim.tasks('build-deploy').at(-1)
    expect(task?.stages?.[0]?.name.length).toBeGreaterThan(HUGE)
    expect(run.outputs.result).toBe('success')

    // The log: no line the server started, nothing near the megabytes it sent.
    const lines = run.stdout.split('\n')
    expect(lines.filter(l => /^::[\w-]+::pwned/.test(l))).toEqual([])
    expect(run.stdout.length).toBeLessThan(HUGE / 4)

    // Outputs within their limits, still valid JSON.
    const stages = run.outputs.stages ?? ''
    expect(Buffer.byteLength(stages)).toBeLessThanOrEqual(256 * 1024)
    expect(JSON.parse(stages)).toEqual(expect.any(Array))

    // The summary and the PR comment: inert, within GitHub's limits.
    const comment = gh.comments[0]?.body ?? ''
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1_000_000)
    expect(comment.length).toBeGreaterThan(0)
    expect(comment.length).toBeLessThan(65_536)
    for (const markdown of [run.summary, comment]) {
      expect(markdown).not.toContain('<img')
      expect(markdown).not.toContain('https://evil')
      expect(markdown).not.toContain('#1 ')
      expect(markdown).not.toContain('@octocat')
      expect(markdown).not.toMatch(/^::/m)
    }

    // Commit status and deployment descriptions: one line of at most 140 characters.
    const descriptions = [
      ...bodies(/^POST \/repos\/[^/]+\/[^/]+\/statuses\//),
      ...bodies(/^POST \/repos\/[^/]+\/[^/]+\/deployments/)
    ].map(b => String(b['description'] ?? ''))
    expect(descriptions.length).toBeGreaterThan(2)
    for (const description of descriptions) {
      expect(description.length).toBeLessThanOrEqual(140)
      expect(description).not.toMatch(/[\r\n]/)
    }
    // Megabytes to parse, scrub and clip: slower than a run of normal size.
  }, 60_000)
})
