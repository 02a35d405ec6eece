import { createOctokit } from '../../src/github/octokit.js'
import type { Logger } from '../../src/log.js'
import { forgetSecrets, registerSecret } from '../../src/secrets.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4In0.c2lnbmF0dXJlLXBhcnQtb2YtaXQ'
const JOB_TOKEN = 'ghs_fake_job_token_0123456789'
const quiet: Logger = {
  info: () => {},
  warning: () => {},
  error: () => {},
  debug: () => {}
}

let gh: FakeGitHub
beforeEach(async () => {
  gh = await startFakeGitHub()
  registerSecret(TOKEN)
  registerSecret(JOB_TOKEN)
})
afterEach(async () => {
  forgetSecrets()
  await gh.close()
})

describe('createOctokit', () => {
  it('scrubs every route parameter before it is sent, but still authenticates', async () => {
    const octokit = createOctokit({
      token: JOB_TOKEN,
      apiUrl: gh.url,
      log: quiet
    })
    const base64 = Buffer.from(`Bearer ${TOKEN}`).toString('base64')
    await octokit.rest.issues.createComment({
      owner: 'o',
      repo: 'r',
      issue_number: 7,
      body: `stage ${TOKEN} and ${base64} and ${JOB_TOKEN}`
    })
    await octokit.rest.repos.createDeployment({
      owner: 'o',
      repo: 'r',
      ref: 'main',
      payload: {
        zadigx: { note: `x ${encodeURIComponent(`Bearer ${TOKEN}`)}` }
      }
    })
    const [comment, deployment] = gh.requests
    expect(comment?.body).toEqual({ body: 'stage *** and *** and ***' })
    expect(deployment?.body).toMatchObject({
      payload: { zadigx: { note: 'x ***' } }
    })
    expect(comment?.headers.authorization).toBe(`token ${JOB_TOKEN}`)
  })
})
