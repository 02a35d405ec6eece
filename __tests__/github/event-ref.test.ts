// What use-github-ref makes of a run for run-scan: a repository at a branch (with
// the pull request as prs), or why there is none.
import type { GitHubRun } from '../../src/github/context.js'
import { scanRefOf } from '../../src/github/event-ref.js'

const base: GitHubRun = {
  event: 'push',
  owner: 'koderover',
  repo: 'demo-api',
  sha: 'a'.repeat(40),
  ref: 'refs/heads/feat/x',
  apiUrl: 'http://127.0.0.1:1',
  serverUrl: 'https://github.com',
  runUrl: 'https://github.com/koderover/demo-api/actions'
}
const repo = {
  source: 'github',
  repo_owner: 'koderover',
  repo_name: 'demo-api'
}

describe('scanRefOf', () => {
  it('scans a pushed branch', () => {
    expect(scanRefOf({ ...base, branch: 'feat/x' })).toMatchObject({
      repo: { ...repo, branch: 'feat/x' }
    })
  })

  it('scans a fork’s pull request as its base with the PR merged in', () => {
    const pr = {
      number: 7,
      headRef: 'patch-1',
      headSha: 'b'.repeat(40),
      baseRef: 'main',
      fromFork: true
    }
    expect(scanRefOf({ ...base, event: 'pull_request', pr })).toMatchObject({
      repo: { ...repo, branch: 'main', prs: [7] }
    })
  })

  it('refuses a tag GitHub names no branch for', () => {
    expect(scanRefOf({ ...base, tag: 'v1.2.0' })).toEqual({
      problem: expect.stringContaining(
        'GitHub did not say which branch tag v1.2.0 is on'
      )
    })
  })
})
