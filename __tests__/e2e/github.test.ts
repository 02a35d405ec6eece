// End-to-end: the bundle in realistic GitHub events, against the ZadigX simulator and a
// local fake of the GitHub REST API (both on 127.0.0.1).
import { fileURLToPath } from 'node:url'
import { runBundle, visibleLog } from '../../scripts/local-runner.js'
import { startSimulator, type Simulator } from '../../simulator/index.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

let sim: Simulator
let gh: FakeGitHub

const EVENTS = {
  push: [
    'push',
    'push-branch',
    'refs/heads/feature/login',
    '3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d'
  ],
  tag: [
    'push',
    'push-tag',
    'refs/tags/v1.2.0',
    '5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b'
  ],
  pr: [
    'pull_request',
    'pull-request-opened',
    'refs/pull/42/merge',
    'ffffffffffffffffffffffffffffffffffffffff'
  ],
  dispatch: [
    'workflow_dispatch',
    'workflow-dispatch',
    'refs/heads/main',
    '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c'
  ]
} as const
const PR_HEAD = '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b'

function githubEnv(kind: keyof typeof EVENTS): Record<string, string> {
  const [event, file, ref, sha] = EVENTS[kind]
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: fileURLToPath(
      new URL(`../fixtures/github-events/${file}.json`, import.meta.url)
    ),
    GITHUB_REPOSITORY: 'demo-group/svc-a',
    GITHUB_REF: ref,
    GITHUB_SHA: sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '777'
  }
}

const act = (kind: keyof typeof EVENTS, inputs: Record<string, string> = {}) =>
  runBundle(
    {
      url: sim.url,
      token: sim.token,
      project: 'demo',
      workflow: 'build-deploy',
      'poll-interval': '10ms',
      'github-token': 'ghs_fake_job_token',
      ...inputs
    },
    githubEnv(kind)
  )

type RepoInfo = Record<string, unknown>
function sentRepoInfo(): RepoInfo[] {
  const trigger = sim.requests.find(
    r => r.method === 'POST' && r.path === '/openapi/workflows/custom/task'
  )
  const body = trigger?.body as {
    inputs: {
      job_name: string
      parameters: { service_list?: { repo_info?: RepoInfo[] }[] }
    }[]
  }
  const build = body.inputs.find(i => i.job_name === 'build')
  return build?.parameters.service_list?.[0]?.repo_info ?? []
}

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 60_000 })
  gh = await startFakeGitHub()
  // The build's repository lives on the GitHub code host (alias "github") as demo-group/svc-a.
  const build = sim.workflow('build-deploy').stages[0]?.jobs[0]
  const spec = build?.spec as { service_and_builds: { repos: RepoInfo[] }[] }
  Object.assign(spec.service_and_builds[0]!.repos[0]!, {
    source: 'github',
    codehost_id: 2,
    repo_owner: 'demo-group',
    repo_namespace: 'demo-group'
  })
})

afterEach(async () => {
  await gh.close()
  await sim.close()
})

describe('use-github-ref', () => {
  it('builds the pushed branch', async () => {
    const run = await act('push', { 'use-github-ref': 'true' })
    expect(run.exitCode).toBe(0)
    expect(sentRepoInfo()).toEqual([
      expect.objectContaining({
        codehost_name: 'github',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'feature/login'
      })
    ])
    const task = sim.tasks('build-deploy').at(-1)
    const repos = task?.stages?.[0]?.jobs?.[0]?.spec?.repos as {
      branch: string
    }[]
    expect(repos[0]?.branch).toBe('feature/login')
  })

  it('builds a pull request merged into its base branch, as ZadigX webhooks do', async () => {
    const run = await act('pr', { 'use-github-ref': 'true' })
    expect(run.exitCode).toBe(0)
    expect(sentRepoInfo()[0]).toMatchObject({
      branch: 'main',
      pr: 42,
      prs: [42]
    })
    expect(visibleLog(run.stdout)).toContain(
      'pull request #42 merged into its base branch (branch "main", pr 42, prs [42])'
    )
  })

  it('never logs or outputs the unmasked secrets of the code host list', async () => {
    const hosts = [
      {
        id: 2,
        address: 'https://github.com',
        type: 'github',
        alias: 'github',
        access_token: '********',
        ssh_key: '-----BEGIN OPENSSH PRIVATE KEY----- ssh-secret-1f2e',
        private_access_token: 'pat-secret-9a8b'
      }
    ]
    sim.faults.add({
      method: 'GET',
      path: '/api/aslan/code/codehost',
      kind: 'status',
      status: 200,
      body: JSON.stringify(hosts),
      contentType: 'application/json'
    })
    const run = await act('push', { 'use-github-ref': 'true' })
    expect(run.exitCode).toBe(0)
    expect(sentRepoInfo()[0]).toMatchObject({ codehost_name: 'github' })
    const seen = [
      run.stdout,
      run.summary,
      JSON.stringify(run.outputs),
      JSON.stringify(sim.requests.map(r => r.body ?? null))
    ].join('\n')
    expect(seen).not.toMatch(/ssh-secret-1f2e|pat-secret-9a8b/)
  })

  it('pins the tag commit and says what it sent', async () => {
    const run = await act('tag', { 'use-github-ref': 'true' })
    expect(run.exitCode).toBe(0)
    expect(sentRepoInfo()[0]).toMatchObject({
      enable_commit: true,
      commit_id: EVENTS.tag[3]
    })
    expect(visibleLog(run.stdout)).toMatch(/use-github-ref: .*tag v1\.2\.0/)
  })

  it('uses the dispatched branch', async () => {
    await act('dispatch', { 'use-github-ref': 'true' })
    expect(sentRepoInfo()[0]).toMatchObject({ branch: 'main' })
  })

  it('lets explicit inputs win over the event', async () => {
    await act('push', {
      'use-github-ref': 'true',
      inputs: [
        'build:',
        '  service_list:',
        '    - service_name: svc-a',
        '      service_module: svc-a',
        '      repo_info:',
        '        - {codehost_name: github, repo_namespace: demo-group, repo_name: svc-a, branch: hotfix}'
      ].join('\n')
    })
    expect(sentRepoInfo()).toHaveLength(1)
    expect(sentRepoInfo()[0]).toMatchObject({ branch: 'hotfix' })
  })
})

describe('reporting back to GitHub', () => {
  it('sets a pending then final commit status linking to the task', async () => {
    const run = await act('push', { 'commit-status': 'true' })
    expect(run.exitCode).toBe(0)
    const statuses = gh.requests.filter(
      r => r.method === 'POST' && r.path.includes('/statuses/')
    )
    expect(statuses.map(s => s.body?.state)).toEqual(['pending', 'success'])
    expect(statuses[0]?.path).toBe(
      `/repos/demo-group/svc-a/statuses/${EVENTS.push[3]}`
    )
    expect(statuses[1]?.body).toMatchObject({
      context: 'zadigx/build-deploy',
      target_url: run.outputs['task-url']
    })
  })

  it('reports on the pull request head commit, and keeps one PR comment', async () => {
    const first = await act('pr', {
      'commit-status': 'true',
      'pr-comment': 'true',
      'status-context': 'ci/zadigx'
    })
    expect(first.exitCode).toBe(0)
    const status = gh.requests.find(r => r.path.includes('/statuses/'))
    expect(status?.path).toBe(`/repos/demo-group/svc-a/statuses/${PR_HEAD}`)
    expect(status?.body?.context).toBe('ci/zadigx')
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]?.body).toContain(`Task #${first.outputs['task-id']}`)
    const second = await act('pr', { 'pr-comment': 'true' })
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0]?.body).toContain(`Task #${second.outputs['task-id']}`)
    expect(gh.requests.some(r => r.method === 'PATCH')).toBe(true)
  })

  it('creates a deployment with in_progress and success statuses', async () => {
    const run = await act('push', { environment: 'dev' })
    expect(run.exitCode).toBe(0)
    const deployment = gh.requests.find(
      r =>
        r.method === 'POST' && r.path === '/repos/demo-group/svc-a/deployments'
    )
    expect(deployment?.body).toMatchObject({
      environment: 'dev',
      ref: EVENTS.push[3]
    })
    const states = gh.requests
      .filter(r => /\/deployments\/\d+\/statuses$/.test(r.path))
      .map(r => [r.body?.state, r.body?.log_url])
    expect(states).toEqual([
      ['in_progress', run.outputs['task-url']],
      ['success', run.outputs['task-url']]
    ])
  })

  it('warns once, naming the permission, and still passes when the token may not set statuses', async () => {
    gh.deny(/statuses/, 403)
    const run = await act('push', { 'commit-status': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.result).toBe('success')
    const warnings = run.stdout
      .split('\n')
      .filter(l => l.startsWith('::warning::') && l.includes('statuses: write'))
    expect(warnings).toHaveLength(1)
    expect(visibleLog(run.stdout)).not.toContain('ghs_fake_job_token')
  })
})
