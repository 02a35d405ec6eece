import { jest } from '@jest/globals'
import { isolateInputEnv, setInputs } from './helpers/inputs-env.js'

// @actions/core is replaced by a runner-faithful fake so that setSecret can be
// observed and every getInput call recorded.
const readNames: string[] = []
const setSecret = jest.fn<(secret: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({
  setSecret,
  getInput: (name: string, options?: { trimWhitespace?: boolean }) => {
    readNames.push(name)
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
    const value = process.env[key] ?? ''
    return options?.trimWhitespace === false ? value : value.trim()
  }
}))
const { InputError, getInputs } = await import('../src/inputs.js')
const { forgetSecrets } = await import('../src/secrets.js')

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token'
const BASE = {
  url: 'https://zadigx.example.com',
  token: TOKEN,
  project: 'demo',
  workflow: 'build-deploy'
}

/** The InputError thrown by getInputs (fails the test if none is thrown). */
async function problemsOf(values: Record<string, string>): Promise<string[]> {
  setInputs(values)
  try {
    await getInputs()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InstanceType<typeof InputError>).problems
  }
  throw new Error('expected getInputs to throw')
}

isolateInputEnv()
// Each run of the action registers its secrets once; each test is a run.
afterEach(forgetSecrets)

beforeEach(() => {
  readNames.length = 0
  setSecret.mockClear()
})

describe('getInputs defaults and normalisation', () => {
  it('returns the documented defaults for a plain trigger', async () => {
    setInputs(BASE)
    expect(await getInputs()).toEqual({
      inputs: {
        url: 'https://zadigx.example.com',
        token: TOKEN,
        operation: 'trigger',
        workflowType: 'custom',
        project: 'demo',
        workflow: 'build-deploy',
        unlistedJobs: 'run',
        wait: true,
        timeoutMs: 3_600_000,
        pollIntervalMs: 5000,
        summary: true,
        production: false,
        onApproval: 'wait',
        pageNum: 1,
        pageSize: 20,
        cancelOnAbort: true,
        cancelOnTimeout: false,
        useGithubRef: false,
        commitStatus: false,
        statusContext: '',
        environment: '',
        prComment: false,
        githubToken: '',
        requestTimeoutMs: 30_000,
        caCert: undefined,
        insecureSkipTlsVerify: false,
        pollStrategy: 'adaptive',
        logs: 'auto',
        logLines: 100
      },
      warnings: []
    })
  })

  it.each([
    ['https://zadigx.example.com/', 'https://zadigx.example.com'],
    ['https://zadigx.example.com/zadig//', 'https://zadigx.example.com/zadig'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080']
  ])('normalises url %s to %s', async (url, expected) => {
    setInputs({ ...BASE, url })
    expect((await getInputs()).inputs.url).toBe(expected)
  })

  it.each(['ftp://x', 'zadigx.example.com', 'https://', 'https://h/?a=1'])(
    'refuses url %s',
    async url => {
      expect(await problemsOf({ ...BASE, url })).toEqual([
        `url: expected an http(s) address such as https://zadigx.example.com, got ${JSON.stringify(url)}`
      ])
    }
  )

  it.each([
    [
      'https://zadigx.example.com/openapi',
      'ends in the API path /openapi that the action adds itself',
      'https://zadigx.example.com'
    ],
    [
      'https://zadigx.example.com/zadig/api/aslan/workflow',
      'ends in the API path /api/aslan that the action adds itself',
      'https://zadigx.example.com/zadig'
    ],
    [
      'https://zadigx.example.com/v1/projects/detail/demo/pipelines/custom/build?display_name=Build',
      'is the address of a ZadigX web page',
      'https://zadigx.example.com'
    ],
    [
      'https://zadigx.example.com/signin',
      'is the address of a ZadigX web page',
      'https://zadigx.example.com'
    ]
  ])('names the server address to use instead of %s', async (url, why, use) => {
    // Long values are clipped in messages.
    const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url
    expect(await problemsOf({ ...BASE, url })).toEqual([
      `url: expected the ZadigX server address, got ${JSON.stringify(shown)}, which ${why}; use ${JSON.stringify(use)}`
    ])
  })

  it('refuses a url with spaces or line breaks before any request', async () => {
    expect(
      await problemsOf({ ...BASE, url: 'https://zadigx.example.com/a b' })
    ).toEqual([
      'url: expected an http(s) address such as https://zadigx.example.com without spaces or line breaks, got "https://zadigx.example.com/a b"'
    ])
  })

  it('warns when an input is set under the underscore name nothing reads', async () => {
    setInputs(BASE)
    process.env['INPUT_TASK_ID'] = '11'
    try {
      const { warnings } = await getInputs()
      expect(warnings).toContain(
        "INPUT_TASK_ID is set but ignored: the runner passes input task-id as INPUT_TASK-ID (with the hyphen). Set it under with: in the workflow, or locally with env 'INPUT_TASK-ID=…' or npm start -- --task-id …"
      )
    } finally {
      delete process.env['INPUT_TASK_ID']
    }
  })

  it('reports a missing url, naming both ways to give it', async () => {
    expect(await problemsOf({ ...BASE, url: '' })).toEqual([
      'url: expected an http(s) address such as https://zadigx.example.com (set the url input or the ZADIGX_URL environment variable), got nothing'
    ])
  })

  it('falls back to ZADIGX_URL and ZADIGX_TOKEN', async () => {
    process.env['ZADIGX_URL'] = 'https://env.example.com/'
    process.env['ZADIGX_TOKEN'] = 'env-token'
    setInputs({ project: 'demo', workflow: 'wf' })
    const { inputs } = await getInputs()
    expect(inputs.url).toBe('https://env.example.com')
    expect(inputs.token).toBe('env-token')
    expect(setSecret).toHaveBeenCalledWith('env-token')
  })

  it('prefers the inputs over the environment fallbacks', async () => {
    process.env['ZADIGX_URL'] = 'https://env.example.com'
    process.env['ZADIGX_TOKEN'] = 'env-token'
    setInputs(BASE)
    const { inputs } = await getInputs()
    expect(inputs.url).toBe(BASE.url)
    expect(inputs.token).toBe(TOKEN)
  })

  it('reads INPUT_* and the fallbacks from an env object when one is given', async () => {
    setInputs({ ...BASE, project: 'from-process-env' })
    const { inputs } = await getInputs({
      'INPUT_TASK-ID': ' 7 ',
      INPUT_OPERATION: 'get-task',
      INPUT_WORKFLOW: 'wf',
      ZADIGX_URL: 'https://other.example.com',
      ZADIGX_TOKEN: 'other-token'
    })
    expect(inputs).toMatchObject({
      url: 'https://other.example.com',
      token: 'other-token',
      operation: 'get-task',
      taskId: 7,
      project: ''
    })
  })
})

describe('token handling', () => {
  it('masks the token as soon as it is read, before validating', async () => {
    setInputs({ ...BASE, url: 'nope' })
    await expect(getInputs()).rejects.toThrow(InputError)
    expect(setSecret).toHaveBeenCalledWith(TOKEN)
    expect(readNames[0]).toBe('token')
  })

  it('reports a missing token, naming both ways to give it', async () => {
    expect(await problemsOf({ ...BASE, token: '' })).toEqual([
      'token: expected a ZadigX API token (set the token input or the ZADIGX_TOKEN environment variable), got nothing'
    ])
    expect(setSecret).not.toHaveBeenCalled()
  })

  it.each([`Bearer ${TOKEN}`, `${TOKEN} extra`])(
    'refuses a malformed token without echoing it (%#)',
    async token => {
      const problems = await problemsOf({ ...BASE, token })
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/^token: expected/)
      expect(problems.join('\n')).not.toContain(TOKEN)
      expect(setSecret).toHaveBeenCalledWith(token)
    }
  )

  it('never repeats the token in messages or warnings, even from other inputs', async () => {
    const problems = await problemsOf({
      ...BASE,
      operation: TOKEN,
      comment: TOKEN
    })
    expect(problems.join('\n')).not.toContain(TOKEN)
    expect(problems.join('\n')).toContain('***')
    setInputs({ ...BASE, operation: 'trigger', comment: TOKEN })
    const { warnings } = await getInputs()
    expect(warnings).toEqual(['comment is ignored by operation "trigger"'])
  })

  it('hides a long token even where a quoted value was cut short', async () => {
    const token = `${'x'.repeat(50)}.${'y'.repeat(50)}`
    const problems = await problemsOf({
      ...BASE,
      token,
      operation: `a${token}`
    })
    expect(problems).toEqual([
      expect.stringMatching(/^operation: expected one of .*, got "a\*\*\*…"$/)
    ])
  })
})

describe('all problems at once', () => {
  it('lists every problem on its own line in one InputError', async () => {
    setInputs({
      url: 'ftp://x',
      project: 'demo',
      workflow: 'wf',
      wait: 'yes',
      timeout: 'soon',
      'page-size': '500',
      'on-approval': 'later',
      'unlisted-jobs': 'maybe'
    })
    let error: unknown
    try {
      await getInputs()
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(InputError)
    const { problems, message } = error as InstanceType<typeof InputError>
    expect(problems.map(p => p.split(':')[0])).toEqual([
      'url',
      'token',
      'unlisted-jobs',
      'wait',
      'on-approval',
      'timeout',
      'page-size'
    ])
    expect(message.split('\n')).toEqual([
      'Invalid action inputs (7 problems):',
      ...problems.map(p => `- ${p}`)
    ])
    expect(problems).toContain(
      'wait: expected true or false (YAML 1.2 core schema: true | True | TRUE | false | False | FALSE), got "yes"'
    )
    expect(problems).toContain(
      'page-size: expected a whole number from 1 to 100, got "500"'
    )
  })

  it('says "1 problem" for a single one', async () => {
    setInputs({ ...BASE, summary: 'nah' })
    await expect(getInputs()).rejects.toThrow(
      /^Invalid action inputs \(1 problem\):/
    )
  })
})
