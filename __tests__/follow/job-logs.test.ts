// The job-log observer against a stubbed client.logs: which logs it asks for, what it
// prints, and what it keeps for the summary (docs/zadigx-api.md#job-log-stream).
import type { Clock } from '../../src/clock.js'
import { createJobLogObserver } from '../../src/follow/job-logs.js'
import type { Logger } from '../../src/log.js'
import type { TaskRef } from '../../src/operations/task-ref.js'
import type { LogsApi } from '../../src/zadig/api/logs.js'
import { ZadigApiError } from '../../src/zadig/errors.js'
import type { TaskDetail, TaskJob } from '../../src/zadig/types.js'

const clock: Clock = { now: () => 0, sleep: async () => undefined }

function recorder() {
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(`::warning::${m}`),
    error: m => lines.push(`::error::${m}`),
    debug: m => lines.push(`::debug::${m}`)
  }
  return { lines, log }
}

const task = (...jobs: TaskJob[]) =>
  ({
    task_id: 1,
    status: 'running',
    stages: [{ name: 's', status: 'running', jobs }]
  }) as unknown as TaskDetail
const job = (name: string, status: string, type = 'freestyle'): TaskJob => ({
  name,
  type,
  status
})

interface Calls {
  follow: string[]
  read: string[]
}

function stubLogs(
  stored: Record<string, string[]>,
  follow: (name: string) => AsyncGenerator<string>
): {
  logs: LogsApi
  calls: Calls
} {
  const calls: Calls = { follow: [], read: [] }
  const logs = {
    follow: (ref: { jobName: string }) => {
      calls.follow.push(ref.jobName)
      return follow(ref.jobName)
    },
    read: async (ref: { jobName: string }) => {
      calls.read.push(ref.jobName)
      return stored[ref.jobName] ?? []
    }
  } as unknown as LogsApi
  return { logs, calls }
}

const REF = { workflowKey: 'wf', taskId: 1 } as TaskRef

describe('createJobLogObserver', () => {
  it('failed: reads the stored log of failed jobs only and keeps their tail', async () => {
    const { lines, log } = recorder()
    const { logs, calls } = stubLogs(
      { build: ['a', 'b', 'c', 'boom'] },
      async function* () {}
    )
    const o = createJobLogObserver({
      mode: 'failed',
      tailLines: 2,
      logs,
      clock,
      log
    })
    o.started?.(REF)
    o.saw?.(
      task(
        job('build', 'failed'),
        job('lint', 'passed'),
        job('gate', 'failed', 'approval')
      )
    )
    const tails = await o.settle()
    expect(calls).toEqual({ follow: [], read: ['build'] })
    expect(tails).toEqual([
      { job: 'build', status: 'failed', lines: ['c', 'boom'], total: 4 }
    ])
    expect(lines).toEqual([
      '::group::❌ build (failed): last 2 of 4 log lines',
      'c',
      'boom',
      '::endgroup::'
    ])
  })

  it('failed: says so when no log is kept', async () => {
    const { lines, log } = recorder()
    const { logs } = stubLogs({}, async function* () {})
    const o = createJobLogObserver({
      mode: 'failed',
      tailLines: 5,
      logs,
      clock,
      log
    })
    o.saw?.(task(job('deploy', 'timeout', 'zadig-deploy')))
    expect(await o.settle()).toEqual([])
    expect(lines).toEqual(['No log of job deploy is kept in ZadigX'])
  })

  it('live: a refused stream stops streaming for the step; ended jobs are read instead', async () => {
    const { lines, log } = recorder()
    const refused = new ZadigApiError(
      { status: 403, method: 'GET', path: '/api/aslan/logs/sse' },
      'HTTP 403'
    )
    const { logs, calls } = stubLogs(
      { a: ['a1', 'a2'], b: ['b1'] },
      async function* () {
        yield* []
        throw refused
      }
    )
    const o = createJobLogObserver({
      mode: 'live',
      tailLines: 5,
      logs,
      clock,
      log
    })
    o.saw?.(task(job('a', 'running')))
    await new Promise(resolve => setImmediate(resolve))
    o.saw?.(task(job('a', 'passed'), job('b', 'running')))
    o.saw?.(task(job('a', 'passed'), job('b', 'passed')))
    await o.settle()
    expect(calls.follow).toEqual(['a'])
    expect(calls.read.sort()).toEqual(['a', 'b'])
    // Each job in one whole group (in the order their logs came in).
    const shown = lines.filter(l => !l.startsWith('::debug::')).join('\n')
    expect(shown).toContain('::group::a\na1\na2\n::endgroup::')
    expect(shown).toContain('::group::b\nb1\n::endgroup::')
    expect(shown.split('\n')).toHaveLength(7)
    expect(lines.filter(l => l.startsWith('::debug::'))).toHaveLength(1)
  })

  it('live: a stream that ended by itself is not read again', async () => {
    const { lines, log } = recorder()
    const { logs, calls } = stubLogs({}, async function* () {
      yield 'x1'
      yield 'x2'
    })
    const o = createJobLogObserver({
      mode: 'live',
      tailLines: 5,
      logs,
      clock,
      log
    })
    o.saw?.(task(job('x', 'running')))
    await new Promise(resolve => setImmediate(resolve))
    o.saw?.(task(job('x', 'failed')))
    const tails = await o.settle()
    expect(calls.read).toEqual([])
    expect(lines).toEqual(['::group::x', 'x1', 'x2', '::endgroup::'])
    expect(tails).toEqual([
      { job: 'x', status: 'failed', lines: ['x1', 'x2'], total: 2 }
    ])
  })
})
