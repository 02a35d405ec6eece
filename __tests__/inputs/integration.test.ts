// The inputs that connect the action to GitHub, the network and the polling strategy.
import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

const trigger = { project: 'p', workflow: 'w' }

describe('integration inputs', () => {
  it('reads the GitHub, network and polling settings', async () => {
    const { inputs } = await read({
      ...trigger,
      'cancel-on-abort': 'false',
      'cancel-on-timeout': 'true',
      'use-github-ref': 'true',
      'commit-status': 'true',
      'status-context': ' ci/zadigx ',
      environment: 'production',
      'pr-comment': 'true',
      'github-token': 'ghs_x',
      'request-timeout': '45s',
      'insecure-skip-tls-verify': 'true',
      'poll-strategy': 'fixed'
    })
    expect(inputs).toMatchObject({
      cancelOnAbort: false,
      cancelOnTimeout: true,
      useGithubRef: true,
      commitStatus: true,
      statusContext: 'ci/zadigx',
      environment: 'production',
      prComment: true,
      githubToken: 'ghs_x',
      requestTimeoutMs: 45_000,
      insecureSkipTlsVerify: true,
      pollStrategy: 'fixed'
    })
  })

  it('needs a GitHub token when something is reported to GitHub', async () => {
    expect(await problemsOf({ ...trigger, 'commit-status': 'true' })).toEqual([
      expect.stringMatching(/^github-token: expected a GitHub token/)
    ])
  })

  it('names every bad value together', async () => {
    const problems = await problemsOf({
      ...trigger,
      'cancel-on-abort': 'maybe',
      'request-timeout': '-5s',
      'poll-strategy': 'smart',
      'ca-cert': 'not a certificate'
    })
    expect(problems).toHaveLength(4)
    expect(problems.join('\n')).toMatch(/cancel-on-abort/)
    expect(problems.join('\n')).toMatch(/request-timeout/)
    expect(problems.join('\n')).toMatch(
      /poll-strategy: expected one of adaptive, fixed/
    )
    expect(problems.join('\n')).toMatch(/ca-cert/)
  })
})
