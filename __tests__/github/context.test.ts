import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  readGitHubContext,
  repositoryVisibility
} from '../../src/github/context.js'

const eventPath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/github-events/${name}`, import.meta.url))

/** The variables a github.com runner sets for every job. */
const runner = (
  event: string,
  file: string,
  extra: Record<string, string> = {}
): Record<string, string> => ({
  GITHUB_EVENT_NAME: event,
  GITHUB_EVENT_PATH: eventPath(file),
  GITHUB_REPOSITORY: 'demo-group/svc-a',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_RUN_ID: '10412345678',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'release',
  ...extra
})

describe('readGitHubContext', () => {
  it('reads a push to a branch', () => {
    const run = readGitHubContext(
      runner('push', 'push-branch.json', {
        GITHUB_REF: 'refs/heads/feature/login',
        GITHUB_REF_NAME: 'feature/login',
        GITHUB_REF_TYPE: 'branch',
        GITHUB_SHA: '3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d'
      })
    )
    expect(run).toEqual({
      event: 'push',
      owner: 'demo-group',
      repo: 'svc-a',
      sha: '3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
      ref: 'refs/heads/feature/login',
      branch: 'feature/login',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/demo-group/svc-a/actions/runs/10412345678',
      runId: '10412345678',
      runAttempt: 1,
      job: 'release'
    })
  })

  it('reads a tag push with the branch GitHub names in base_ref', () => {
    const run = readGitHubContext(
      runner('push', 'push-tag.json', {
        GITHUB_REF: 'refs/tags/v1.2.0',
        GITHUB_REF_NAME: 'v1.2.0',
        GITHUB_REF_TYPE: 'tag',
        GITHUB_SHA: '5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b'
      })
    )
    expect(run.tag).toBe('v1.2.0')
    expect(run.tagBranch).toBe('main')
    expect(run.branch).toBeUndefined()
    expect(run.pr).toBeUndefined()
    expect(run.sha).toBe('5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b')
  })

  it.each([
    ['pull-request-opened.json', '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b'],
    [
      'pull-request-synchronize.json',
      'b1c2d3e4f5a60718293a4b5c6d7e8f9012345678'
    ]
  ])('reports a pull request (%s) on its head commit', (file, head) => {
    const run = readGitHubContext(
      runner('pull_request', file, {
        GITHUB_REF: 'refs/pull/42/merge',
        GITHUB_REF_NAME: '42/merge',
        GITHUB_REF_TYPE: 'branch',
        GITHUB_HEAD_REF: 'feature/login',
        GITHUB_BASE_REF: 'main',
        // The test merge commit: not what statuses belong on.
        GITHUB_SHA: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4'
      })
    )
    expect(run.sha).toBe(head)
    expect(run.pr).toEqual({
      number: 42,
      headRef: 'feature/login',
      headSha: head,
      baseRef: 'main',
      fromFork: false
    })
    expect(run.branch).toBe('feature/login')
    expect(run.ref).toBe('refs/pull/42/merge')
  })

  it('marks a pull request from a fork', () => {
    const run = readGitHubContext(
      runner('pull_request', 'pull-request-fork.json', {
        GITHUB_REF: 'refs/pull/57/merge'
      })
    )
    expect(run.pr).toMatchObject({ number: 57, headRef: 'fix/typo' })
    expect(run.pr?.fromFork).toBe(true)
  })

  it('reads a workflow_dispatch on a branch, with GHES URLs and a re-run', () => {
    const run = readGitHubContext(
      runner('workflow_dispatch', 'workflow-dispatch.json', {
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: '0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796',
        GITHUB_SERVER_URL: 'https://ghes.example.com/',
        GITHUB_API_URL: 'https://ghes.example.com/api/v3',
        GITHUB_RUN_ATTEMPT: '3'
      })
    )
    expect(run).toMatchObject({
      event: 'workflow_dispatch',
      branch: 'main',
      apiUrl: 'https://ghes.example.com/api/v3',
      serverUrl: 'https://ghes.example.com',
      runUrl:
        'https://ghes.example.com/demo-group/svc-a/actions/runs/10412345678/attempts/3',
      runAttempt: 3
    })
  })

  it('defaults to github.com and falls back to GITHUB_REF_NAME', () => {
    const run = readGitHubContext({
      GITHUB_REPOSITORY: 'demo-group/svc-a',
      GITHUB_REF_NAME: 'v2.0.0',
      GITHUB_REF_TYPE: 'tag',
      GITHUB_SHA: 'abc'
    })
    expect(run).toMatchObject({
      tag: 'v2.0.0',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/demo-group/svc-a/actions'
    })
  })

  it('does not take a PR merge ref for a branch when the payload is missing', () => {
    const run = readGitHubContext({
      GITHUB_REPOSITORY: 'demo-group/svc-a',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/42/merge',
      GITHUB_REF_NAME: '42/merge',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_SHA: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4'
    })
    expect(run.branch).toBeUndefined()
    expect(run.pr).toBeUndefined()
    expect(run.sha).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4')
  })

  it('fails clearly outside GitHub Actions or with a broken payload', () => {
    expect(() => readGitHubContext({})).toThrow(/GITHUB_REPOSITORY/)
    const dir = mkdtempSync(join(tmpdir(), 'gh-event-'))
    try {
      const bad = join(dir, 'event.json')
      writeFileSync(bad, '{not json')
      const env = { GITHUB_REPOSITORY: 'a/b', GITHUB_EVENT_PATH: bad }
      expect(() => readGitHubContext(env)).toThrow(/not valid JSON/)
      env.GITHUB_EVENT_PATH = join(dir, 'missing.json')
      expect(() => readGitHubContext(env)).toThrow(/Could not read/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('repositoryVisibility', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zadigx-visibility-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const withPayload = (repository: unknown): string | undefined => {
    const path = join(dir, 'event.json')
    writeFileSync(path, JSON.stringify({ repository }))
    return repositoryVisibility({ GITHUB_EVENT_PATH: path })
  }

  it('reads repository.visibility, else repository.private', () => {
    expect(withPayload({ visibility: 'internal', private: true })).toBe(
      'internal'
    )
    expect(withPayload({ visibility: 'public', private: false })).toBe('public')
    expect(withPayload({ private: true })).toBe('private')
    expect(withPayload({ private: false })).toBe('public')
  })

  it('is unknown without a payload, or with a broken or silent one', () => {
    expect(repositoryVisibility({})).toBeUndefined()
    expect(withPayload({ visibility: 'secret' })).toBeUndefined()
    writeFileSync(join(dir, 'broken.json'), '{')
    expect(
      repositoryVisibility({ GITHUB_EVENT_PATH: join(dir, 'broken.json') })
    ).toBeUndefined()
  })

  it('finds the fixtures of private repositories private', () => {
    expect(
      repositoryVisibility(runner('pull_request', 'pull-request-opened.json'))
    ).toBe('private')
  })
})
