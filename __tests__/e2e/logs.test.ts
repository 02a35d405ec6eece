// End-to-end: ZadigX job logs in the GitHub log, the job summary and the PR comment
// (`logs`, `log-lines`), against the simulator's log routes (docs/zadigx-api.md#job-log-stream).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DRIVERS } from '../helpers/drivers.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import {
  startSimulator,
  type SimJob,
  type Simulator
} from '../../simulator/index.js'

let sim: Simulator
let dir: string

beforeEach(async () => {
  sim = await startSimulator({ advancePerTaskPollMs: 20_000 })
  dir = mkdtempSync(join(tmpdir(), 'zadigx-logs-'))
})

afterEach(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A GitHub event payload for a repository of this visibility. */
function eventEnv(visibility: 'public' | 'private'): Record<string, string> {
  const path = join(dir, 'event.json')
  const repository = {
    full_name: 'demo-group/svc-a',
    private: visibility === 'private',
    visibility
  }
  writeFileSync(path, JSON.stringify({ repository }))
  return { GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'demo-group/svc-a' }
}

const numbered = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} line ${i + 1}`)

/** Two build jobs in one parallel stage, each writing its own lines. */
function parallelBuilds(): void {
  const wf = sim.workflow('build-deploy')
  const stage = wf.stages[0]!
  const a = stage.jobs[0] as SimJob
  const b: SimJob = structuredClone(a)
  b.name = 'build-b'
  a.script = { durationSec: 120, outcome: 'passed', log: numbered('alpha', 12) }
  b.script = { durationSec: 90, outcome: 'passed', log: numbered('beta', 9) }
  stage.parallel = true
  stage.jobs = [a, b]
  // The deploy job of the catalog reads the image of job `build` only.
}

/** The groups of a log: title and the lines inside, in order. */
function groups(stdout: string): { title: string; lines: string[] }[] {
  const out: { title: string; lines: string[] }[] = []
  let open: { title: string; lines: string[] } | undefined
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) {
      expect(open).toBeUndefined()
      open = { title: line.slice('::group::'.length), lines: [] }
    } else if (line === '::endgroup::') {
      expect(open).toBeDefined()
      out.push(open!)
      open = undefined
    } else if (open && !line.startsWith('::debug::')) open.lines.push(line)
  }
  expect(open).toBeUndefined()
  return out
}

const BASE = {
  project: 'demo',
  workflow: 'build-deploy',
  'poll-interval': '10ms'
}

describe.each(DRIVERS)('job logs (%s)', (_name, act) => {
  const run = (
    inputs: Record<string, string>,
    env: Record<string, string> = {}
  ) => act(sim, { url: sim.url, token: sim.token, ...BASE, ...inputs }, env)

  it('live: prints each job in groups of its own, parallel jobs never mixed', async () => {
    parallelBuilds()
    const result = await run({ logs: 'live' })
    expect(result.exitCode).toBe(0)
    const found = groups(result.stdout)
    const alpha = found.filter(g => g.lines.some(l => l.startsWith('alpha')))
    const beta = found.filter(g => g.lines.some(l => l.startsWith('beta')))
    for (const g of alpha)
      expect(g.lines.every(l => l.startsWith('alpha'))).toBe(true)
    for (const g of beta)
      expect(g.lines.every(l => l.startsWith('beta'))).toBe(true)
    expect(alpha.flatMap(g => g.lines)).toEqual(numbered('alpha', 12))
    expect(beta.flatMap(g => g.lines)).toEqual(numbered('beta', 9))
    expect(alpha[0]?.title).toMatch(/build/)
    // Progress lines of the action sit outside every group.
    expect(found.flatMap(g => g.lines).some(l => /Stage|stage/.test(l))).toBe(
      false
    )
  })

  it('failed: the last log-lines lines in the log and the job summary', async () => {
    const job = sim.workflow('build-deploy').stages[0]!.jobs[0]!
    job.script = {
      durationSec: 60,
      outcome: 'failed',
      error: 'exit status 2',
      log: [...numbered('build', 30), 'npm ERR! missing script: build']
    }
    const result = await run({ 'log-lines': '5' }, eventEnv('private'))
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /logs: auto shows the end of a failed job's ZadigX log, since this repository is private/
    )
    const [group] = groups(result.stdout)
    expect(group?.title).toMatch(
      /^❌ .*build.* \(failed\): last 5 of 31 log lines$/
    )
    expect(group?.lines).toEqual([
      ...numbered('build', 30).slice(-4),
      'npm ERR! missing script: build'
    ])
    expect(result.summary).toContain('<details><summary>❌')
    expect(result.summary).toContain('```text\nbuild line 27\n')
    expect(result.summary).toContain('npm ERR! missing script: build\n```')
    expect(result.summary).not.toContain('build line 26')
  })

  it('auto on a public repository shows no job log, and says so', async () => {
    const job = sim.workflow('build-deploy').stages[0]!.jobs[0]!
    job.script = {
      durationSec: 60,
      outcome: 'failed',
      log: ['secret-ish output']
    }
    const result = await run({}, eventEnv('public'))
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /logs: auto shows no ZadigX job logs here: this repository is public/
    )
    expect(result.stdout).not.toContain('secret-ish output')
    expect(result.stdout).not.toContain('::group::')
    expect(result.summary).not.toContain('secret-ish output')
    expect(sim.requests.some(r => r.path.startsWith('/api/aslan/logs/'))).toBe(
      false
    )
  })

  it('neutralises workflow commands, markup and the token in log lines', async () => {
    const hostile = [
      '::set-output name=result::success',
      '::add-mask::hunter2',
      '  ::stop-commands::resume-token',
      '::error::fake failure',
      '##[group]fake group',
      '::endgroup::',
      '<script>alert(1)</script> ``` </details>',
      `Authorization: Bearer ${sim.token}`,
      'resume-token::'
    ]
    const job = sim.workflow('build-deploy').stages[0]!.jobs[0]!
    job.script = { durationSec: 60, outcome: 'failed', log: hostile }
    const result = await run({ logs: 'live' })
    expect(result.exitCode).toBe(1)
    const commands = result.stdout
      .split('\n')
      .filter(l => /^\s*(::|##\[)/.test(l))
    for (const line of commands)
      expect(line).toMatch(
        /^::(add-mask::|error::Task #|debug::|group::|endgroup::$)/
      )
    expect(commands.filter(l => l === '::endgroup::')).toHaveLength(
      commands.filter(l => l.startsWith('::group::')).length
    )
    // The action's own ::add-mask:: lines name the token's forms so the runner hides them.
    const masked = result.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(masked).not.toContain(sim.token)
    expect(result.summary).not.toContain(sim.token)
    expect(result.summary).toMatch(/Authorization: (Bearer )?\*\*\*/)
    // The fence is longer than any backtick run in the lines: the text cannot close it.
    expect(result.summary).toMatch(/\n````text\n/)
  })

  it('falls back to the stored log when the stream is cut, with one debug line', async () => {
    parallelBuilds()
    sim.faults.add({
      kind: 'cut-stream',
      path: /^\/api\/aslan\/logs\/sse\//,
      afterEvents: 2,
      times: Infinity
    })
    const result = await run({ logs: 'live' })
    expect(result.exitCode).toBe(0)
    const found = groups(result.stdout)
    expect(
      found.flatMap(g => g.lines).filter(l => l.startsWith('alpha'))
    ).toEqual(numbered('alpha', 12))
    expect(
      found.flatMap(g => g.lines).filter(l => l.startsWith('beta'))
    ).toEqual(numbered('beta', 9))
    const notes = result.stdout
      .split('\n')
      .filter(l => /log stream of .* ended early/.test(l))
    expect(notes.length).toBeGreaterThan(0)
    expect(notes.every(l => l.startsWith('::debug::'))).toBe(true)
    expect(result.stdout).not.toMatch(/::warning::.*log/i)
  })
})

describe('failed job logs in the PR comment', () => {
  let gh: FakeGitHub
  beforeEach(async () => {
    gh = await startFakeGitHub()
  })
  afterEach(async () => {
    await gh.close()
  })

  it('shows a short tail (the last 20 lines)', async () => {
    const job = sim.workflow('build-deploy').stages[0]!.jobs[0]!
    job.script = {
      durationSec: 60,
      outcome: 'failed',
      log: numbered('build', 40)
    }
    const event = fileURLToPath(
      new URL(
        '../fixtures/github-events/pull-request-opened.json',
        import.meta.url
      )
    )
    const [, act] = DRIVERS[1]!
    const result = await act(
      sim,
      {
        url: sim.url,
        token: sim.token,
        ...BASE,
        'pr-comment': 'true',
        'github-token': 'ghs_fake'
      },
      {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'demo-group/svc-a',
        GITHUB_REF: 'refs/pull/42/merge',
        GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
        GITHUB_API_URL: gh.url
      }
    )
    expect(result.exitCode).toBe(1)
    const body = gh.comments[0]?.body ?? ''
    expect(body).toContain('last 20 of 40 log lines')
    expect(body).toContain('build line 21\n')
    expect(body).not.toContain('build line 20\n')
    expect(result.summary).toContain('last 40 of 40 log lines')
  })
})
