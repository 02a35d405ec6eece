// preview-env's reading of the event: which step, which environment, and the
// refusals that come before any request.
import type { GitHubRun } from '../../src/github/context.js'
import { previewEnvOperation } from '../../src/operations/preview-env.js'
import { planOf } from '../../src/operations/preview-env.js'

const PR = {
  number: 42,
  headRef: 'feature/login',
  headSha: 'a'.repeat(40),
  baseRef: 'main',
  fromFork: false
}

function run(event: string, action?: string, pr = true): GitHubRun {
  return {
    event,
    action,
    owner: 'demo-group',
    repo: 'svc-a',
    sha: PR.headSha,
    ref: 'refs/pull/42/merge',
    pr: pr ? PR : undefined,
    apiUrl: 'http://127.0.0.1:1',
    serverUrl: 'https://github.com',
    runUrl: 'https://github.com/demo-group/svc-a/actions'
  }
}

const deps = (
  github: GitHubRun | undefined,
  inputs: Record<string, unknown> = {}
) =>
  ({
    github,
    inputs: { project: 'demo', baseEnv: 'dev', production: false, ...inputs }
  }) as unknown as Parameters<typeof planOf>[0]

describe('preview-env event', () => {
  it.each([
    ['pull_request', 'opened', 'apply'],
    ['pull_request', 'reopened', 'apply'],
    ['pull_request', 'synchronize', 'apply'],
    ['pull_request_target', 'closed', 'delete']
  ])('%s %s → %s of pr-42', (event, action, step) => {
    expect(planOf(deps(run(event, action)))).toEqual({ step, env: 'pr-42' })
  })

  it.each([
    [run('push'), 'got push; nothing was sent'],
    [run('workflow_dispatch'), 'got workflow_dispatch'],
    [undefined, 'got none'],
    [run('pull_request', 'labeled'), 'got pull_request labeled'],
    [run('pull_request', 'opened', false), 'without']
  ])('refuses case %#', (github, text) => {
    expect(() => planOf(deps(github))).toThrow(
      text.replace('without', 'opened')
    )
  })

  it('refuses before any request: the client is never touched', async () => {
    const client = new Proxy(
      {},
      {
        get: () => {
          throw new Error('a request was made')
        }
      }
    )
    await expect(
      previewEnvOperation.run({ ...deps(run('push')), client } as never, {
        projectKey: '',
        workflowKey: ''
      })
    ).rejects.toThrow('preview-env runs on pull_request or pull_request_target')
  })

  it('takes an env key only when it is named for the pull request', () => {
    expect(
      planOf(deps(run('pull_request', 'opened'), { env: 'preview-42' }))
    ).toEqual({
      step: 'apply',
      env: 'preview-42'
    })
    expect(() =>
      planOf(deps(run('pull_request', 'closed'), { env: 'preview' }))
    ).toThrow('expected a key holding 42')
    expect(() =>
      planOf(deps(run('pull_request', 'closed'), { env: 'pr-420' }))
    ).toThrow('expected a key holding 42')
  })
})
