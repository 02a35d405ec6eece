import { formatDuration } from '../../src/duration.js'
import { createProgressLogger } from '../../src/follow/progress.js'
import { statusIcon } from '../../src/zadig/status.js'
import type { TaskDetail, TaskJob } from '../../src/zadig/types.js'
import { taskFixture as fixture } from '../helpers/fixtures.js'
import { recorder } from '../helpers/recorder.js'

function firstJob(task: TaskDetail): TaskJob {
  const job = task.stages?.[0]?.jobs?.[0]
  if (!job) throw new Error('fixture without a job')
  return job
}

describe('formatDuration: clock', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [59.6, '1m00s'],
    [92, '1m32s'],
    [600, '10m00s'],
    [3720, '1h02m'],
    [90_000, '25h00m'],
    [-5, '0s'],
    [Number.NaN, '0s']
  ])('%p -> %s', (seconds, text) => {
    expect(formatDuration(seconds * 1000, 'clock')).toBe(text)
  })
})

describe('statusIcon', () => {
  it.each([
    ['passed', '✔'],
    ['failed', '✖'],
    ['timeout', '✖'],
    ['reject', '✖'],
    ['cancelled', '⊘'],
    ['skipped', '↷'],
    ['unstable', '⚠'],
    ['running', '▶'],
    ['prepare', '▶'],
    ['', '·'],
    ['waitforapprove', '⏸']
  ])('%s -> %s', (status, icon) => {
    expect(statusIcon(status)).toBe(icon)
  })
})

describe('createProgressLogger', () => {
  it('says nothing for identical snapshots', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    progress.observe(fixture('running'))
    const first = [...lines]
    progress.observe(fixture('running'))
    progress.observe(fixture('running'))
    expect(lines).toEqual(first)
    expect(first).toEqual([
      '▶ task #58 started',
      '▶ stage 1 of 3 (build) started · 0s elapsed',
      '▶ job svc-a-svc-a-build running'
    ])
  })

  it('catches up on a task that is already well along', () => {
    const { log, lines } = recorder()
    createProgressLogger(log, 'https://z/58').observe(
      fixture('waiting-approval-head')
    )
    expect(lines).toEqual([
      '▶ task #58 started',
      '✔ job build-svc-a-svc-a passed in 2m57s',
      '✔ stage build passed in 2m58s',
      '✔ job deploy-svc-a passed in 59s',
      '✔ stage deploy passed in 59s',
      '▶ stage 3 of 3 (release) started · 3m59s elapsed'
    ])
  })

  it('says where a starting stage sits, the time so far and the time left', () => {
    const { log, lines } = recorder()
    const running = fixture('running')
    const progress = createProgressLogger(log, 'https://z/58', {
      estimate: task =>
        task === running
          ? 'about 3 min left, from the last 10 runs'
          : undefined,
      nowSec: () => (running.start_time ?? 0) + 370
    })
    progress.observe(running)
    expect(lines).toContain(
      '▶ stage 1 of 3 (build) started · 6m10s elapsed · about 3 min left, from the last 10 runs'
    )
  })

  it('uses the current naming (display_name) for jobs', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    const task = fixture('waiting-approval-head')
    progress.observe(task)
    const next = structuredClone(task)
    const smoke = next.stages?.[2]?.jobs?.[1]
    if (smoke) smoke.status = 'prepare'
    progress.observe(next)
    if (smoke) smoke.status = 'running'
    progress.observe(next)
    expect(lines.filter(l => l.includes('smoke-test'))).toEqual([
      '▶ job smoke-test running'
    ])
  })

  it('logs a task error once, with the task link', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    const task = fixture('failed')
    task.error = 'no free runner'
    progress.observe(task)
    progress.observe(task)
    expect(lines.filter(l => l.includes('task error'))).toEqual([
      '✖ task error: no free runner (https://z/58)'
    ])
    expect(lines.at(-1)).toBe('✖ task #58 failed in 1m34s')
  })

  it('follows pauses, restarts and the less common job states', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    const task = fixture('running')
    const job = firstJob(task)
    const stage = task.stages?.[1]
    progress.observe(task)
    lines.length = 0
    job.status = 'wait_for_manual_error_handling'
    progress.observe(task)
    job.status = 'debug_before'
    progress.observe(task)
    job.status = 'skipped'
    task.status = 'pause'
    if (stage) stage.status = 'pause'
    progress.observe(task)
    task.status = 'running'
    progress.observe(task)
    task.status = 'distributed'
    progress.observe(task)
    expect(lines).toEqual([
      '⚠ job svc-a-svc-a-build failed and waits for someone to decide how to go on',
      '⏸ job svc-a-svc-a-build: debug_before',
      '⏸ task #58 paused',
      '↷ job svc-a-svc-a-build skipped',
      '⏸ stage deploy waits to be started by hand',
      '▶ task #58 resumed',
      '• task #58 is distributed'
    ])
  })

  it('notices a retried task and follows it again', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    progress.observe(fixture('failed'))
    lines.length = 0
    progress.observe(fixture('waiting'))
    progress.observe(fixture('running'))
    expect(lines).toEqual([
      '↻ task #58 was restarted and is queued (waiting)',
      '▶ task #58 started',
      '▶ stage 1 of 3 (build) started · 0s elapsed',
      '▶ job svc-a-svc-a-build running'
    ])
  })

  it('stays quiet through approval states and queue moves', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    const task = fixture('waiting')
    progress.observe(task)
    task.status = 'queued'
    progress.observe(task)
    progress.observe(fixture('waiting-approval'))
    lines.length = 0
    const resumed = fixture('waiting-approval')
    resumed.status = 'running'
    progress.observe(resumed)
    expect(lines).toEqual([])
  })

  it('neutralises workflow commands in server text', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    const task = fixture('failed')
    const job = firstJob(task)
    job.name = '::error::boom'
    job.error = 'exit 1\n::add-mask::x\n##[error]hidden'
    progress.observe(task)
    const text = lines.join('\n')
    expect(text).toContain('exit 1')
    expect(text).not.toMatch(/::(add-mask|error)::/)
    expect(text).not.toContain('##[')
    expect(text.split('\n').some(l => l.startsWith('::'))).toBe(false)
  })

  it('joins a task it did not start with one line, then logs only changes', () => {
    const { log, lines } = recorder()
    // Started at 1_700_000_002 (2023-11-14 22:13:22 UTC); the server's now is 5 min on.
    const progress = createProgressLogger(log, 'https://z/58', {
      joined: true,
      nowSec: () => 1_700_000_302
    })
    progress.observe(fixture('waiting-approval'))
    expect(lines).toEqual([
      '▶ following task #58 (already running since 2023-11-14 22:13:22 UTC, 5m00s ago)'
    ])
    progress.observe(fixture('passed'))
    expect(lines.slice(1).join('\n')).not.toMatch(/build|deploy|started/)
    expect(lines.slice(1)).toContain('✔ stage release passed in 39s')
    expect(lines.at(-1)).toMatch(/^✔ task #58 passed/)
  })

  it('joins a task that has ended with its end line only', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58', { joined: true })
    progress.observe(fixture('passed'))
    expect(lines).toEqual([expect.stringMatching(/^✔ task #58 passed in /)])
  })

  it('says a rejected job, stage and task are rejected (ZadigX says reject)', () => {
    const { log, lines } = recorder()
    const progress = createProgressLogger(log, 'https://z/58')
    progress.observe(fixture('rejected'))
    expect(lines.filter(l => l.startsWith('✖'))).toEqual([
      '✖ stage release rejected: alice reject this task',
      '✖ task #58 rejected in 5m00s'
    ])
  })
})
