import { isolateInputEnv } from '../helpers/inputs-env.js'
import { problemsOf, read } from '../helpers/inputs-read.js'

isolateInputEnv()

describe('single values', () => {
  const trigger = { project: 'p', workflow: 'w' }

  it.each([
    ['42', 42],
    [' 42 ', 42],
    ['007', 7]
  ])('reads task-id %j as %d', async (text, expected) => {
    const values = { operation: 'get-task', workflow: 'w', 'task-id': text }
    expect((await read(values)).inputs.taskId).toBe(expected)
  })

  it.each(['0', '-1', '1.5', 'abc', '1e3', '99999999999999999999'])(
    'refuses task-id %j',
    async text => {
      const values = { operation: 'get-task', workflow: 'w', 'task-id': text }
      expect(await problemsOf(values)).toEqual([
        `task-id: expected a positive whole number, got ${JSON.stringify(text)}`
      ])
    }
  )

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('reads boolean %s', async (text, expected) => {
    const { inputs } = await read({ ...trigger, wait: text, summary: text })
    expect([inputs.wait, inputs.summary]).toEqual([expected, expected])
  })

  it.each(['yes', 'no', 'on', '1', 'tRue'])(
    'refuses boolean %s',
    async text => {
      expect(await problemsOf({ ...trigger, summary: text })).toEqual([
        `summary: expected true or false (YAML 1.2 core schema: true | True | TRUE | false | False | FALSE), got "${text}"`
      ])
    }
  )

  it('reads on-approval and unlisted-jobs', async () => {
    const { inputs } = await read({
      ...trigger,
      'on-approval': 'exit',
      'unlisted-jobs': 'skip',
      inputs: 'build:'
    })
    expect(inputs).toMatchObject({ onApproval: 'exit', unlistedJobs: 'skip' })
  })

  it('refuses unlisted-jobs skip when inputs names no job', async () => {
    expect(await problemsOf({ ...trigger, 'unlisted-jobs': 'skip' })).toEqual([
      'unlisted-jobs: "skip" runs only the jobs named in inputs, but inputs names none; name the jobs to run, or use "run"'
    ])
  })

  it.each([
    ['1h30m', '1.5s', 5_400_000, 1500],
    ['90', '2.5', 90_000, 2500],
    ['120h', '1h', 432_000_000, 3_600_000]
  ])('reads timeout %s and poll-interval %s', async (timeout, poll, t, p) => {
    const { inputs } = await read({
      ...trigger,
      timeout,
      'poll-interval': poll
    })
    expect([inputs.timeoutMs, inputs.pollIntervalMs]).toEqual([t, p])
  })

  it('refuses bad durations, naming the accepted forms', async () => {
    const problems = await problemsOf({
      ...trigger,
      timeout: '0s',
      'poll-interval': '-5s'
    })
    expect(problems).toEqual([
      'timeout: expected a duration above zero and at most 120h (90s, 15m, 1h, 1h30m, 500ms or plain seconds such as 45 or 2.5), got "0s"',
      'poll-interval: expected a duration (90s, 15m, 1h, 1h30m, 500ms or plain seconds such as 45 or 2.5), got "-5s" (it cannot be negative)'
    ])
    expect(
      await problemsOf({
        ...trigger,
        timeout: 'an hour',
        'poll-interval': '5s'
      })
    ).toEqual([
      'timeout: expected a duration (90s, 15m, 1h, 1h30m, 500ms or plain seconds such as 45 or 2.5), got "an hour"'
    ])
  })

  it('warns when poll-interval is longer than timeout', async () => {
    const { warnings } = await read({
      ...trigger,
      timeout: '1m',
      'poll-interval': '2m'
    })
    expect(warnings).toEqual(['poll-interval (2m) is longer than timeout (1m)'])
  })

  it('reads page and page-size within bounds', async () => {
    const values = { operation: 'list-tasks', ...trigger }
    const { inputs } = await read({ ...values, page: '3', 'page-size': '100' })
    expect([inputs.pageNum, inputs.pageSize]).toEqual([3, 100])
    expect(
      await problemsOf({ ...values, page: '0', 'page-size': '0' })
    ).toEqual([
      'page: expected a positive whole number, got "0"',
      'page-size: expected a whole number from 1 to 100, got "0"'
    ])
  })

  it('reads a commit SHA and refuses anything else', async () => {
    const values = { operation: 'find-tasks', project: 'p', workflow: 'w' }
    expect((await read({ ...values, commit: 'ABCDEF1' })).inputs.commit).toBe(
      'abcdef1'
    )
    const sha = 'a'.repeat(40)
    expect((await read({ ...values, commit: sha })).inputs.commit).toBe(sha)
    for (const commit of ['abc123', 'g123456', 'a'.repeat(41)]) {
      expect(await problemsOf({ ...values, commit })).toEqual([
        `commit: expected a commit SHA of 7 to 40 hexadecimal digits, got ${JSON.stringify(commit)}`
      ])
    }
  })

  it('passes view through as text', async () => {
    const { inputs } = await read({
      operation: 'list-workflows',
      project: 'p',
      view: 'release view'
    })
    expect(inputs.view).toBe('release view')
  })
})
