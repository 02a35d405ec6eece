import type { GitHubRun } from '../../src/github/context.js'
import { commentMarker } from '../../src/github/pr-comment.js'
import { createGitHubReporter } from '../../src/github/reporter.js'
import type { GitHubReporterOptions } from '../../src/github/reporter.js'
import type { Logger } from '../../src/log.js'
import type { TaskReport } from '../../src/report.js'
import { startFakeGitHub } from '../helpers/fake-github.js'
import type { FakeGitHub } from '../helpers/fake-github.js'

const TOKEN = 'ghs_S3cr3tT0kenValue0123456789abcdef'
const SHA = '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b'
const TASK_URL =
  'https://zadigx.example.com/v1/projects/detail/demo/pipelines/custom/build-deploy/58'

const report = (over: Partial<TaskReport> = {}): TaskReport => ({
  operation: 'trigger',
  projectKey: 'demo',
  workflowKey: 'build-deploy',
  workflowName: 'Build & Deploy',
  taskId: 58,
  status: 'running',
  result: 'running',
  taskUrl: TASK_URL,
  stages: [],
  ...over
})
const passed = (): TaskReport =>
  report({ status: 'passed', result: 'success', durationSeconds: 240 })

interface Recorded {
  log: Logger
  lines: string[]
  warnings: string[]
}

function recorder(): Recorded {
  const lines: string[] = []
  const warnings: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => {
      lines.push(m)
      warnings.push(m)
    },
    error: m => lines.push(m),
    debug: m => lines.push(m)
  }
  return { log, lines, warnings }
}

let gh: FakeGitHub

beforeEach(async () => {
  gh = await startFakeGitHub()
})
afterEach(async () => {
  await gh.close()
})

/** A pull_request run against the fake, GHES-style (`/api/v3`). */
const prRun = (over: Partial<GitHubRun> = {}): GitHubRun => ({
  event: 'pull_request',
  owner: 'demo-group',
  repo: 'svc-a',
  sha: SHA,
  ref: 'refs/pull/42/merge',
  branch: 'feature/login',
  pr: {
    number: 42,
    headRef: 'feature/login',
    headSha: SHA,
    baseRef: 'main',
    fromFork: false
  },
  apiUrl: `${gh.url}/api/v3`,
  serverUrl: gh.url,
  runUrl: `${gh.url}/demo-group/svc-a/actions/runs/1`,
  ...over
})

const reporter = (rec: Recorded, over: Partial<GitHubReporterOptions> = {}) =>
  createGitHubReporter({
    token: TOKEN,
    run: prRun(),
    log: rec.log,
    ...over
  })

const posts = (path: RegExp) =>
  gh.requests.filter(r => r.method !== 'GET' && path.test(r.path))

describe('commit status', () => {
  it('goes pending, then success, on the PR head with the task link', async () => {
    const rec = recorder()
    const github = reporter(rec, { commitStatus: {} })
    await github.started(report())
    await github.finished(passed())
    const sent = posts(/\/statuses\//)
    expect(sent.map(r => r.rawPath)).toEqual([
      `/api/v3/repos/demo-group/svc-a/statuses/${SHA}`,
      `/api/v3/repos/demo-group/svc-a/statuses/${SHA}`
    ])
    expect(sent.map(r => r.body)).toEqual([
      {
        state: 'pending',
        context: 'zadigx/build-deploy',
        description: 'ZadigX task #58 started',
        target_url: TASK_URL
      },
      {
        state: 'success',
        context: 'zadigx/build-deploy',
        description: 'ZadigX task #58 passed in 4m00s',
        target_url: TASK_URL
      }
    ])
    expect(sent[0]?.headers['authorization']).toBe(`token ${TOKEN}`)
    expect(rec.warnings).toEqual([])
  })

  it.each([
    ['failure', 'failure'],
    ['timeout', 'failure'],
    ['rejected', 'failure'],
    ['cancelled', 'error'],
    ['waiting-approval', 'pending']
  ] as const)(
    'reports %s as %s, with a custom context',
    async (result, state) => {
      const github = reporter(recorder(), {
        commitStatus: { context: 'ci/zadigx' }
      })
      await github.finished(report({ result, message: 'x'.repeat(300) }))
      const body = posts(/\/statuses\//)[0]?.body
      expect(body).toMatchObject({ state, context: 'ci/zadigx' })
      expect(String(body?.['description']).length).toBeLessThanOrEqual(140)
    }
  )
})

describe('deployment', () => {
  it('is created once, in progress, then successful', async () => {
    const github = reporter(recorder(), {
      environment: 'dev',
      environmentUrl: 'https://svc-a.dev.example.com'
    })
    await github.started(report())
    await github.finished(passed())
    const created = posts(/\/deployments$/)
    expect(created).toHaveLength(1)
    expect(created[0]?.body).toMatchObject({
      ref: SHA,
      environment: 'dev',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      description: 'ZadigX demo/build-deploy',
      payload: {
        zadigx: {
          project_key: 'demo',
          workflow_key: 'build-deploy',
          task_id: 58
        }
      }
    })
    const statuses = posts(/\/deployments\/\d+\/statuses$/)
    const id = gh.requests.indexOf(created[0]!) // created before statuses
    expect(id).toBeLessThan(gh.requests.indexOf(statuses[0]!))
    expect(statuses.map(r => r.body)).toEqual([
      {
        state: 'in_progress',
        description: 'ZadigX task #58 started',
        log_url: TASK_URL,
        environment_url: 'https://svc-a.dev.example.com'
      },
      {
        state: 'success',
        description: 'ZadigX task #58 passed in 4m00s',
        log_url: TASK_URL,
        environment_url: 'https://svc-a.dev.example.com'
      }
    ])
    expect(new Set(statuses.map(r => r.path)).size).toBe(1)
  })
})

describe('pull request comment', () => {
  const marker = commentMarker('demo', 'build-deploy')

  it('is written once per PR and workflow and edited on the next run', async () => {
    // Someone quoting the comment, and enough chatter to need a second page.
    gh.comments.push({
      id: 1,
      issue_number: 42,
      body: `> ${marker}\n> looks odd`,
      user: { login: 'alice', type: 'User' }
    })
    for (let i = 2; i < 130; i++)
      gh.comments.push({
        id: i,
        issue_number: 42,
        body: `comment ${i}`,
        user: { login: 'alice', type: 'User' }
      })
    const first = reporter(recorder(), { prComment: true })
    await first.started(report())
    await first.finished(report({ status: 'failed', result: 'failure' }))
    const ours = () => gh.comments.filter(c => c.body.startsWith(marker))
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.body).toContain('failure · Build &amp; Deploy')
    const id = ours()[0]?.id

    const second = reporter(recorder(), { prComment: true })
    await second.started(report({ taskId: 59 }))
    await second.finished(passed())
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.id).toBe(id)
    expect(ours()[0]?.body.startsWith(`${marker}\n### ✅ success`)).toBe(true)
    // The marker was on the second page of comments.
    expect(gh.requests.some(r => /[?&]page=2/.test(r.path))).toBe(true)
    expect(ours()[0]?.body).toContain('success · Build &amp; Deploy')
    expect(posts(/\/issues\/42\/comments$/)).toHaveLength(1)
    expect(posts(/\/issues\/comments\/\d+$/)).toHaveLength(3)
  })

  it('edits only a comment its own identity wrote, not one that copies the marker', async () => {
    gh.comments.push({
      id: 7,
      issue_number: 42,
      body: `${marker}\nnot from the action`,
      user: { login: 'mallory', type: 'User' }
    })
    const github = reporter(recorder(), { prComment: true })
    await github.finished(passed())
    expect(gh.comments.find(c => c.id === 7)?.body).toBe(
      `${marker}\nnot from the action`
    )
    const ours = gh.comments.filter(
      c => c.body.startsWith(marker) && c.user.login === 'github-actions[bot]'
    )
    expect(ours).toHaveLength(1)
    expect(posts(/\/issues\/comments\/7$/)).toHaveLength(0)
  })

  it("stays within GitHub's comment size with a huge server text", async () => {
    const github = reporter(recorder(), { prComment: true })
    const huge = passed()
    huge.stages = Array.from({ length: 400 }, (_, i) => ({
      name: `stage-${i}-${'s'.repeat(300)}`,
      status: 'passed',
      jobs: [{ name: `job-${i}`, type: 'freestyle', status: 'passed' }]
    }))
    await github.finished(huge)
    const body = gh.comments[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('(clipped: the job summary of the run has the rest)')
  })

  it('is written again when it was deleted during the run', async () => {
    const github = reporter(recorder(), { prComment: true })
    await github.started(report())
    gh.comments.splice(0, gh.comments.length)
    await github.finished(passed())
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]?.body).toContain('success · Build &amp; Deploy')
    expect(posts(/\/issues\/42\/comments$/)).toHaveLength(2)
  })

  it('is not written outside pull requests', async () => {
    const run = prRun({ event: 'push', pr: undefined })
    const github = reporter(recorder(), { prComment: true, run })
    await github.finished(passed())
    expect(gh.requests).toEqual([])
  })
})

describe('errors', () => {
  it('turns a 403 into one warning naming the permission', async () => {
    gh.deny(/statuses/, 403)
    const rec = recorder()
    const github = reporter(rec, { commitStatus: {} })
    await expect(github.started(report())).resolves.toBeUndefined()
    await expect(github.finished(passed())).resolves.toBeUndefined()
    expect(rec.warnings).toEqual([
      'Could not create a commit status: the job token lacks "statuses: write" permission (add permissions: statuses: write to the job; GitHub answered HTTP 403)'
    ])
    // The channel stops after a permission error.
    expect(gh.requests).toHaveLength(1)
  })

  it.each([
    [/deployments/, 404, { environment: 'dev' }, '"deployments: write"'],
    [
      /comments/,
      403,
      { prComment: true },
      'pull-requests: write or issues: write'
    ]
  ] as const)(
    'names the permission for %s',
    async (path, status, over, named) => {
      gh.deny(path, status)
      const rec = recorder()
      await reporter(rec, over).finished(passed())
      expect(rec.warnings).toHaveLength(1)
      expect(rec.warnings[0]).toContain(named)
    }
  )

  it('says the token of a fork PR is read-only', async () => {
    gh.deny(/comments/, 403)
    const rec = recorder()
    const run = prRun()
    run.pr = { ...run.pr!, fromFork: true }
    await reporter(rec, { prComment: true, run }).finished(passed())
    expect(rec.warnings[0]).toContain('from forks the token is read-only')
  })

  it('gives the HTTP status of other errors, and keeps trying', async () => {
    gh.deny(/statuses/, 502)
    const rec = recorder()
    const github = reporter(rec, { commitStatus: {} })
    await github.started(report())
    await github.finished(passed())
    expect(rec.warnings).toEqual([
      'Could not create a commit status: GitHub answered HTTP 502 (Resource not accessible by integration)'
    ])
    expect(posts(/statuses/)).toHaveLength(2)
  })

  it('survives an unreachable GitHub', async () => {
    const rec = recorder()
    const url = gh.url
    await gh.close()
    gh = await startFakeGitHub()
    const run = prRun({ apiUrl: url })
    await reporter(rec, { commitStatus: {}, run }).finished(passed())
    expect(rec.warnings).toHaveLength(1)
    expect(rec.warnings[0]).toMatch(/GitHub could not be reached/)
  })

  it('never logs the token', async () => {
    gh.deny(/deployments/, 500)
    gh.deny(/comments/, 403)
    const rec = recorder()
    const github = reporter(rec, {
      commitStatus: {},
      environment: 'dev',
      prComment: true
    })
    await github.started(report())
    await github.finished(passed())
    expect(rec.lines.length).toBeGreaterThan(2)
    expect(
      gh.requests.every(r => r.headers['authorization']?.includes(TOKEN))
    ).toBe(true)
    for (const line of rec.lines) expect(line).not.toContain(TOKEN)
    expect(rec.lines.join('\n')).not.toContain(TOKEN.slice(4, 20))
  })
})
