// Inputs that looked harmless and were accepted (issue 13, class 12): waits that never
// end or never pause, addresses and names that send calls to other routes, and line
// breaks that become workflow commands in the log. Each is refused before any
// request, naming the input and what was expected.
import { isolateInputEnv } from '../helpers/inputs-env.js'
import { BASE, problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

const trigger = { project: 'demo', workflow: 'build-deploy' }
const FORMS = '90s, 15m, 1h, 1h30m, 500ms or plain seconds such as 45 or 2.5'

describe('durations', () => {
  it.each(['0', '0s', '500ms', '999ms'])(
    'refuses poll-interval %j: ZadigX would be polled without a pause',
    async poll => {
      expect(await problemsOf({ ...trigger, 'poll-interval': poll })).toEqual([
        `poll-interval: expected a duration from 1s to 1h (${FORMS}), got ${JSON.stringify(poll)}`
      ])
    }
  )

  it('lets a ZadigX on this machine be polled every 5 ms (the simulator), not faster', async () => {
    const local = { ...trigger, url: 'http://127.0.0.1:8080' }
    const { inputs } = await read({ ...local, 'poll-interval': '5ms' })
    expect(inputs.pollIntervalMs).toBe(5)
    expect(await problemsOf({ ...local, 'poll-interval': '0' })).toEqual([
      `poll-interval: expected a duration from 5ms to 1h (${FORMS}), got "0"`
    ])
    const named = { ...trigger, url: 'http://localhost:8080' }
    expect(
      (await read({ ...named, 'poll-interval': '5ms' })).inputs
    ).toMatchObject({ pollIntervalMs: 5 })
  })

  it.each(['1000h', '121h', '99999999999999999999h'])(
    'refuses timeout %j, which would overflow a timer or outlast any job',
    async timeout => {
      expect(await problemsOf({ ...trigger, timeout })).toEqual([
        `timeout: expected a duration above zero and at most 120h (${FORMS}), got ${JSON.stringify(timeout)}`
      ])
    }
  )

  it('accepts the longest timeout and the longest intervals', async () => {
    const { inputs } = await read({
      ...trigger,
      timeout: '120h',
      'poll-interval': '1h',
      'request-timeout': '1h'
    })
    expect(inputs).toMatchObject({
      timeoutMs: 432_000_000,
      pollIntervalMs: 3_600_000,
      requestTimeoutMs: 3_600_000
    })
  })

  it.each([
    ['poll-interval', '2h', 'from 1s to 1h'],
    ['request-timeout', '61m', 'above zero and at most 1h'],
    ['request-timeout', '0', 'above zero and at most 1h']
  ])('refuses %s %j', async (name, value, range) => {
    expect(await problemsOf({ ...trigger, [name]: value })).toEqual([
      `${name}: expected a duration ${range} (${FORMS}), got ${JSON.stringify(value)}`
    ])
  })
})

describe('the ZadigX address', () => {
  it.each([
    ['https://zadigx.example.com/api', 'https://zadigx.example.com'],
    ['https://zadigx.example.com/api/', 'https://zadigx.example.com'],
    ['https://zadigx.example.com/zadig/api', 'https://zadigx.example.com/zadig']
  ])('refuses %s, which ends in /api, and names %s', async (url, use) => {
    expect(await problemsOf({ ...trigger, url })).toEqual([
      `url: expected the ZadigX server address, got ${JSON.stringify(url)}, which ends in /api, a prefix of the API paths the action adds itself; use ${JSON.stringify(use)}`
    ])
  })

  it('keeps a path prefix that only starts like api', async () => {
    const { inputs } = await read({
      ...trigger,
      url: 'https://zadigx.example.com/apis/zadig'
    })
    expect(inputs.url).toBe('https://zadigx.example.com/apis/zadig')
  })
})

describe('keys and names', () => {
  it.each([
    'a/b',
    'a?b',
    'a#b',
    'a%2Fb',
    'build deploy',
    'Build & Deploy',
    '构建',
    'a_b'
  ])('refuses custom workflow key %j', async workflow => {
    expect(await problemsOf({ ...trigger, workflow })).toEqual([
      `workflow: expected a custom workflow key (letters, digits and -), got ${JSON.stringify(workflow)}: use the key, not the display name (ZadigX shows it in the workflow's address, …/pipelines/custom/<key>)`
    ])
  })

  it('accepts the keys ZadigX accepts, upper case included (v2.3 on)', async () => {
    const { inputs } = await read({ ...trigger, workflow: 'Build-Deploy-2' })
    expect(inputs.workflow).toBe('Build-Deploy-2')
  })

  it.each(['a/b', 'a b', 'a\\b', 'a%b', 'a?b', 'a#b'])(
    'refuses product workflow name %j',
    async workflow => {
      const product = { ...trigger, 'workflow-type': 'product', workflow }
      expect(await problemsOf(product)).toEqual([
        `workflow: expected a product workflow name without spaces, /, ?, #, %, \\ or control characters, got ${JSON.stringify(workflow)}`
      ])
    }
  )

  it('accepts product workflow names ZadigX does not restrict', async () => {
    const product = { ...trigger, 'workflow-type': 'product' }
    const { inputs } = await read({ ...product, workflow: 'legacy_deploy.v2' })
    expect(inputs.workflow).toBe('legacy_deploy.v2')
  })

  it.each(['my project', 'a/b', '演示'])(
    'refuses project %j',
    async project => {
      expect(await problemsOf({ ...trigger, project })).toEqual([
        `project: expected a project key (letters, digits, - and _), got ${JSON.stringify(project)}: use the key, not the display name (ZadigX shows it in the project's address, …/projects/detail/<key>)`
      ])
    }
  )

  it('refuses a view name that would change the route, not one with spaces', async () => {
    const views = { project: 'demo', operation: 'delete-view' }
    expect(await problemsOf({ ...views, view: 'team/a' })).toEqual([
      'view: expected a view name without /, ?, #, %, \\ or control characters, got "team/a"'
    ])
    expect((await read({ ...views, view: 'Team A' })).inputs.view).toBe(
      'Team A'
    )
  })
})

describe('line breaks', () => {
  it.each([
    ['project', 'demo\n::warning::hijacked'],
    ['workflow', 'build-deploy\r\n::error::x'],
    ['status-context', 'zadigx\n::add-mask::x'],
    ['environment', 'staging\u2028prod'],
    ['approval', 'gate\nx']
  ])('refuses a line break in %s, once', async (name, value) => {
    const values = { ...trigger, 'github-token': 'ghs_x', [name]: value }
    expect(await problemsOf(values)).toEqual([
      `${name}: expected a single line without control characters, got a value with a line break (${JSON.stringify(value)})`
    ])
  })

  it('refuses a tab in a key', async () => {
    expect(await problemsOf({ ...trigger, workflow: 'build\tdeploy' })).toEqual(
      [
        'workflow: expected a single line without control characters, got a value with a control character ("build\\tdeploy")'
      ]
    )
  })

  it('never quotes a secret back', async () => {
    const secret = 'ghp_abc\nsecret-part'
    const problems = await problemsOf({ ...trigger, 'github-token': secret })
    expect(problems).toEqual([
      'github-token: expected a single line without control characters, got a value with a line break'
    ])
  })

  it('takes a comment of several lines', async () => {
    const { inputs } = await read({
      project: 'demo',
      operation: 'approve',
      workflow: 'release-gate',
      'task-id': '3',
      comment: 'Checked the canary.\nGo.'
    })
    expect(inputs.comment).toBe('Checked the canary.\nGo.')
  })
})

it('lets BASE through (the reader is not what fails)', async () => {
  expect((await read(trigger)).inputs.url).toBe(BASE.url)
})
