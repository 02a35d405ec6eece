import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import {
  waitForTask,
  type TaskReader,
  type WaitOptions,
  type WaitOutcome
} from '../../src/follow/task-wait.js'
import { createProgressLogger } from '../../src/follow/progress.js'
import { isTransient } from '../../src/zadig/errors.js'
import type { TaskDetail } from '../../src/zadig/types.js'
import { taskFixture as fixture } from '../helpers/fixtures.js'
import { recorder } from '../helpers/recorder.js'

const URL_58 =
  'https://zadigx.example.com/v1/projects/detail/demo/pipelines/custom/build-deploy/58'

/** An error shaped like the client's ZadigApiError. */
function apiError(status: number, description?: string): Error {
  return Object.assign(new Error(`ZadigX GET /task failed: HTTP ${status}`), {
    status,
    description
  })
}

interface Harness {
  clock: Clock
  sleeps: number[]
  times: number[]
  lines: string[]
  log: Logger
}

const T0 = 1_700_000_000_000

function harness(onSleep?: (count: number) => void): Harness {
  let now = T0
  const sleeps: number[] = []
  const { log, lines } = recorder(true)
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) return
      sleeps.push(ms)
      now += ms
      onSleep?.(sleeps.length)
    }
  }
  return { clock, sleeps, times: [], lines, log }
}

/** Returns the scripted snapshots (or throws the scripted errors), then repeats the last. */
function scripted(
  h: Harness,
  steps: (TaskDetail | Error)[],
  withProgress = true
): TaskReader & { calls: number } {
  const progress = createProgressLogger(h.log, URL_58)
  const reader = {
    calls: 0,
    async getTask(key: string, id: number): Promise<TaskDetail> {
      expect([key, id]).toEqual(['build-deploy', 58])
      h.times.push(h.clock.now() - T0)
      const step = steps[Math.min(reader.calls++, steps.length - 1)]
      if (step instanceof Error) throw step
      if (withProgress) progress.observe(step as TaskDetail)
      return step as TaskDetail
    }
  }
  return reader
}

function wait(
  h: Harness,
  reader: TaskReader,
  extra: Partial<WaitOptions> = {}
): Promise<WaitOutcome> {
  return waitForTask({
    reader,
    workflowKey: 'build-deploy',
    taskId: 58,
    taskUrl: URL_58,
    timeoutMs: 60 * 60_000,
    pollIntervalMs: 5000,
    clock: h.clock,
    log: h.log,
    onApproval: 'wait',
    ...extra
  })
}

const count = (lines: string[], part: string): number =>
  lines.filter(l => l.includes(part)).length

describe('waitForTask: following a task to its end', () => {
  it('logs each step once from waiting through running to passed', async () => {
    const h = harness()
    const running = fixture('running')
    const reader = scripted(h, [
      fixture('waiting'),
      fixture('waiting'),
      running,
      structuredClone(running),
      fixture('passed')
    ])
    const outcome = await wait(h, reader)
    expect(outcome).toMatchObject({
      result: 'success',
      timedOut: false,
      aborted: false,
      pendingApproval: null,
      unreachableMs: 0
    })
    expect(outcome.task?.status).toBe('passed')
    expect(h.sleeps).toEqual([5000, 5000, 5000, 5000])
    expect(h.lines).toEqual([
      '⏳ task #58 is queued (waiting)',
      '▶ task #58 started',
      '▶ stage 1 of 3 (build) started · 0s elapsed',
      '▶ job svc-a-svc-a-build running',
      '✔ job svc-a-svc-a-build passed in 2m57s',
      '✔ stage build passed in 2m58s',
      '✔ job svc-a-deploy passed in 59s',
      '✔ stage deploy passed in 59s',
      '✔ job smoke-test passed in 38s',
      '✔ stage release passed in 39s',
      '✔ task #58 passed in 5m29s'
    ])
  })

  it('reports a failure with the job error in the log', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('running'), fixture('failed')])
    const outcome = await wait(h, reader)
    expect(outcome.result).toBe('failure')
    expect(h.lines).toContain(
      '✖ job svc-a-svc-a-build failed in 1m32s: step "build" exited with code 2'
    )
    expect(h.lines).toContain('✖ stage build failed in 1m33s')
  })

  it.each([
    ['cancelled', 'cancelled'],
    ['timeout', 'timeout'],
    ['rejected', 'rejected']
  ])('maps a %s task to %s', async (name, result) => {
    const h = harness()
    const outcome = await wait(h, scripted(h, [fixture(name)]))
    expect(outcome).toMatchObject({ result, timedOut: false })
    expect(h.sleeps).toEqual([])
  })
})

describe('waitForTask: timeout and abort', () => {
  it('gives up at the deadline without sleeping past it', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('running')])
    const outcome = await wait(h, reader, { timeoutMs: 12_000 })
    expect(outcome).toMatchObject({ result: 'timeout', timedOut: true })
    expect(outcome.task?.status).toBe('running')
    expect(h.sleeps).toEqual([5000, 5000, 2000])
    // One last look at the deadline itself.
    expect(h.times).toEqual([0, 5000, 10_000, 12_000])
    expect(h.lines.filter(l => l.includes('started'))).toHaveLength(2)
  })

  it('clips the delay of a custom polling strategy to the deadline', async () => {
    const h = harness()
    const seen: unknown[] = []
    const outcome = await wait(h, scripted(h, [fixture('running')]), {
      timeoutMs: 12_000,
      nextDelayMs: ctx => {
        seen.push({ ...ctx, task: ctx.task?.status })
        return 60_000
      }
    })
    expect(outcome.timedOut).toBe(true)
    expect(h.sleeps).toEqual([12_000])
    expect(seen).toEqual([
      { task: 'running', elapsedMs: 0, pollIntervalMs: 5000 }
    ])
  })

  it('falls back to the poll interval when the strategy answers nonsense', async () => {
    const h = harness()
    await wait(h, scripted(h, [fixture('running')]), {
      timeoutMs: 10_000,
      nextDelayMs: () => Number.NaN
    })
    expect(h.sleeps).toEqual([5000, 5000])
  })

  it('polls once and stops with a zero timeout', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('waiting')])
    const outcome = await wait(h, reader, { timeoutMs: 0 })
    expect(outcome.timedOut).toBe(true)
    expect(reader.calls).toBe(1)
    expect(h.sleeps).toEqual([])
  })

  it('stops promptly with the last snapshot when the signal aborts', async () => {
    const controller = new AbortController()
    const h = harness(n => n === 2 && controller.abort())
    const reader = scripted(h, [fixture('waiting'), fixture('running')])
    const outcome = await wait(h, reader, { signal: controller.signal })
    expect(outcome).toMatchObject({
      aborted: true,
      timedOut: false,
      result: 'running'
    })
    expect(outcome.task?.status).toBe('running')
    expect(reader.calls).toBe(2)
  })

  it('does not poll at all when already aborted', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('running')])
    const outcome = await wait(h, reader, { signal: AbortSignal.abort() })
    expect(outcome).toMatchObject({ aborted: true, task: null })
    expect(outcome.result).toBe('running')
    expect(reader.calls).toBe(0)
  })

  it('treats a request cut off by the abort as an abort, not an error', async () => {
    const controller = new AbortController()
    const h = harness()
    const reader: TaskReader = {
      getTask: async () => {
        controller.abort()
        throw new DOMException('This operation was aborted', 'AbortError')
      }
    }
    const outcome = await wait(h, reader, { signal: controller.signal })
    expect(outcome).toMatchObject({ aborted: true, task: null })
  })

  it('keeps the pending approval when aborted at a gate', async () => {
    const controller = new AbortController()
    const h = harness(() => controller.abort())
    const reader = scripted(h, [fixture('waiting-approval-head')])
    const outcome = await wait(h, reader, { signal: controller.signal })
    expect(outcome.result).toBe('waiting-approval')
    expect(outcome.pendingApproval?.model).toBe('job')
  })
})

describe('waitForTask: approval gates', () => {
  it('says once who must approve a v1.7 stage, then who approved', async () => {
    const h = harness()
    const gate = fixture('waiting-approval')
    const reader = scripted(h, [
      fixture('running'),
      gate,
      structuredClone(gate),
      structuredClone(gate),
      fixture('passed')
    ])
    const outcome = await wait(h, reader)
    expect(outcome.result).toBe('success')
    const waiting = `Waiting for approval of stage "release" by alice (native approval, 1 needed): release gate. Approve at ${URL_58}`
    expect(h.lines.filter(l => l === waiting)).toHaveLength(1)
    expect(h.lines.filter(l => l.includes('approved by'))).toEqual([
      '✔ stage "release" approved by alice'
    ])
    expect(h.lines.indexOf(waiting)).toBeLessThan(
      h.lines.indexOf('✔ stage "release" approved by alice')
    )
  })

  it('follows a current approval job to its approval', async () => {
    const h = harness()
    const gate = fixture('waiting-approval-head')
    const reader = scripted(h, [
      gate,
      structuredClone(gate),
      fixture('passed-head')
    ])
    const outcome = await wait(h, reader)
    expect(outcome.result).toBe('success')
    expect(count(h.lines, 'Waiting for approval')).toBe(1)
    expect(h.lines).toContain(
      `Waiting for approval of job "approve" in stage "release" by alice (native approval, 1 needed): release gate. Approve at ${URL_58}`
    )
    expect(h.lines).toContain(
      '✔ job "approve" in stage "release" approved by alice'
    )
    // The approval job itself ends like any other job.
    expect(h.lines).toContain('✔ job approve passed in 50s')
  })

  it('says who rejected a gate', async () => {
    const h = harness()
    const reader = scripted(h, [
      fixture('waiting-approval'),
      fixture('rejected')
    ])
    const outcome = await wait(h, reader)
    expect(outcome.result).toBe('rejected')
    expect(h.lines).toContain('✖ stage "release" rejected by alice')
    expect(h.lines).toContain(
      '✖ stage release rejected: alice reject this task'
    )
  })

  it('says when a gate ends without a decision', async () => {
    const h = harness()
    const reader = scripted(h, [
      fixture('waiting-approval'),
      fixture('timeout')
    ])
    await wait(h, reader)
    expect(h.lines).toContain(
      'stage "release" is no longer waiting for approval (gone)'
    )
  })

  it('stops at the gate with on-approval exit', async () => {
    const h = harness()
    const reader = scripted(h, [
      fixture('waiting-approval-head'),
      fixture('passed-head')
    ])
    const outcome = await wait(h, reader, { onApproval: 'exit' })
    expect(outcome).toMatchObject({
      result: 'waiting-approval',
      timedOut: false,
      pendingApproval: { model: 'job', target: 'job-2-0-0-approve' }
    })
    expect(reader.calls).toBe(1)
    expect(count(h.lines, 'Waiting for approval of job "approve"')).toBe(1)
  })

  it('stops at a v1.7 stage gate with on-approval exit', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('waiting-approval')])
    const outcome = await wait(h, reader, { onApproval: 'exit' })
    expect(outcome.result).toBe('waiting-approval')
    expect(outcome.pendingApproval?.target).toBe('release')
  })

  it('announces the same gate again after a restart', async () => {
    const h = harness()
    const again = fixture('waiting-approval')
    again.is_restart = true
    const reader = scripted(h, [
      fixture('waiting-approval'),
      again,
      fixture('passed')
    ])
    await wait(h, reader)
    expect(count(h.lines, 'Waiting for approval')).toBe(2)
    expect(count(h.lines, 'no longer waiting')).toBe(0)
  })

  it('names any approver when a native gate lists nobody', async () => {
    const h = harness()
    const gate = fixture('waiting-approval')
    const stage = gate.stages?.[2]
    if (stage?.approval) {
      stage.approval.description = ''
      stage.approval.native_approval = null
    }
    await wait(h, scripted(h, [gate]), { onApproval: 'exit' })
    expect(h.lines).toContain(
      `Waiting for approval of stage "release" by an allowed approver (native approval). Approve at ${URL_58}`
    )
  })

  it.each([
    ['lark', 'Lark (Feishu)'],
    ['dingtalk', 'DingTalk'],
    ['workwx', 'WorkWX (WeCom)']
  ])(
    'says a %s gate is decided in %s, not by operation approve',
    async (type, app) => {
      const h = harness()
      const gate = fixture('waiting-approval')
      const stage = gate.stages?.[2]
      if (stage?.approval) {
        stage.approval.type = type
        stage.approval.description = ''
        stage.approval.native_approval = null
      }
      await wait(h, scripted(h, [gate]), { onApproval: 'exit' })
      expect(h.lines).toContain(
        `Waiting for stage "release" to be decided in ${app} (${type} approval). Only ${app} can decide it: operation approve or reject cannot. Task: ${URL_58}`
      )
    }
  )

  it('says a gate needing no approvals passes by itself', async () => {
    const h = harness()
    const gate = fixture('waiting-approval')
    const native = gate.stages?.[2]?.approval?.native_approval
    if (native) native.needed_approvers = 0
    await wait(h, scripted(h, [gate]), { onApproval: 'exit' })
    expect(h.lines.join('\n')).toMatch(
      /\(native approval, none needed: ZadigX passes it by itself\)/
    )
  })

  it('neutralises workflow commands in approval text', async () => {
    const h = harness()
    const gate = fixture('waiting-approval')
    const approval = gate.stages?.[2]?.approval
    if (approval) approval.description = 'ok\n::add-mask::secret'
    await wait(h, scripted(h, [gate], false), { onApproval: 'exit' })
    const text = h.lines.join('\n')
    expect(text).not.toContain('::add-mask::')
    expect(text.split('\n').some(l => l.startsWith('::'))).toBe(false)
  })
})

describe('waitForTask: server errors', () => {
  it('rides out an outage, warns once and says how long it lasted', async () => {
    const h = harness()
    const reader = scripted(h, [
      fixture('running'),
      apiError(503),
      apiError(0),
      apiError(429),
      fixture('running'),
      fixture('passed')
    ])
    const outcome = await wait(h, reader)
    expect(outcome).toMatchObject({ result: 'success', unreachableMs: 15_000 })
    const warnings = h.lines.filter(l => l.startsWith('warning:'))
    expect(warnings).toEqual([
      'warning: ZadigX did not answer (ZadigX GET /task failed: HTTP 503); still waiting'
    ])
    expect(h.lines).toContain(
      'ZadigX answers again; it was unreachable for 15s'
    )
  })

  it('counts an outage still going on at the deadline', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('running'), apiError(502)])
    const outcome = await wait(h, reader, { timeoutMs: 20_000 })
    expect(outcome).toMatchObject({ timedOut: true, unreachableMs: 15_000 })
    expect(outcome.task?.status).toBe('running')
    expect(count(h.lines, 'did not answer')).toBe(1)
  })

  it.each([
    ['a not-found task', apiError(500, 'mongo: no documents in result')],
    ['a bad request', apiError(400)],
    ['a plain error', new Error('boom')]
  ])('rethrows %s', async (_name, err) => {
    const h = harness()
    await expect(wait(h, scripted(h, [err]))).rejects.toBe(err)
  })

  it('uses the caller’s notion of transient', async () => {
    const h = harness()
    const reader = scripted(h, [new Error('flaky'), fixture('passed')])
    const outcome = await wait(h, reader, { isTransient: () => true })
    expect(outcome.result).toBe('success')
    expect(outcome.unreachableMs).toBe(5000)
  })

  it.each([
    [apiError(0), true],
    [apiError(408), true],
    [apiError(429), true],
    [apiError(500), true],
    [apiError(504), true],
    [apiError(500, 'mongo: no documents in result'), false],
    [apiError(404), false],
    [{ status: '503' }, false],
    [new Error('x'), false],
    ['text', false],
    [null, false]
  ])('isTransient(%p, polling) is %p', (err, expected) => {
    expect(isTransient(err, { polling: true })).toBe(expected)
  })
})

describe('waitForTask: answers the client refused', () => {
  const refused = (): Error =>
    Object.assign(
      new Error(
        'ZadigX GET /task failed: asked for task 58, ZadigX answered task 57'
      ),
      { status: 200, refused: true }
    )

  it('looks past two in a row, and the streak starts again after a good answer', async () => {
    const h = harness()
    const running = fixture('running')
    const reader = scripted(
      h,
      [refused(), refused(), running, refused(), refused(), fixture('passed')],
      false
    )
    const outcome = await wait(h, reader)
    expect(outcome.result).toBe('success')
    expect(count(h.lines, 'answered task 57; looking again')).toBe(4)
    // Not an outage: the server answered.
    expect(count(h.lines, 'did not answer')).toBe(0)
  })

  it('ends the wait on the third in a row, saying so', async () => {
    const h = harness()
    const reader = scripted(h, [fixture('running'), refused()], false)
    await expect(wait(h, reader)).rejects.toThrow(
      /answered task 57\nZadigX gave 3 answers in a row that the action refuses/
    )
    expect(reader.calls).toBe(4)
  })
})
