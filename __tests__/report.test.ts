import {
  buildReport,
  firstError,
  jobDurationSeconds,
  spanSeconds,
  type BuildReportArgs
} from '../src/report.js'
import type { TaskDetail } from '../src/zadig/types.js'
import { taskFixture as fixture } from './helpers/fixtures.js'
import { PASSED_BUILD, PASSED_HEAD } from './helpers/tasks.js'

const NOW = 1_700_000_500

function report(task: TaskDetail | null, extra: Partial<BuildReportArgs> = {}) {
  return buildReport({
    operation: 'trigger',
    projectKey: 'demo',
    workflowKey: 'build-deploy',
    task,
    result: 'success',
    taskUrl: 'https://z/58',
    nowSeconds: NOW,
    ...extra
  })
}

describe('buildReport', () => {
  it('describes a finished task with durations from the server', () => {
    const r = report(fixture('passed'))
    expect(r).toMatchObject({
      ...PASSED_HEAD,
      taskUrl: 'https://z/58',
      pendingApproval: null
    })
    expect(r.message).toBeUndefined()
    expect('data' in r).toBe(false)
    expect(r.stages).toEqual([
      PASSED_BUILD,
      {
        name: 'deploy',
        status: 'passed',
        durationSeconds: 59,
        jobs: [
          {
            name: 'svc-a-deploy',
            type: 'zadig-deploy',
            status: 'passed',
            durationSeconds: 59
          }
        ]
      },
      {
        name: 'release',
        status: 'passed',
        durationSeconds: 39,
        jobs: [
          {
            name: 'smoke-test',
            type: 'freestyle',
            status: 'passed',
            durationSeconds: 38
          }
        ]
      }
    ])
  })

  it('counts running things up to now', () => {
    const task = fixture('running')
    const job = task.stages?.[0]?.jobs?.[0]
    if (job) delete job.cost_seconds
    const r = report(task, { result: 'running' })
    expect(r.durationSeconds).toBe(NOW - 1_700_000_002)
    expect(r.stages[0]).toMatchObject({
      status: 'running',
      durationSeconds: NOW - 1_700_000_002,
      jobs: [{ status: 'running', durationSeconds: NOW - 1_700_000_003 }]
    })
    expect(r.stages[1]?.durationSeconds).toBeUndefined()
    expect(r.stages[1]?.jobs[0]).toEqual({
      name: 'svc-a-deploy',
      type: 'zadig-deploy',
      status: ''
    })
  })

  it('counts a task waiting for approval up to its latest server stamp when the runner clock is behind', () => {
    // Started at …002; the approval opened at …241 (the task's latest stamp). The
    // runner's clock reads a time before the task even started.
    const r = report(fixture('waiting-approval'), {
      result: 'waiting-approval',
      nowSeconds: 1_699_999_000
    })
    expect(r.durationSeconds).toBe(239)
  })

  it('prefers cost_seconds for jobs and display names in the current model', () => {
    const r = report(fixture('waiting-approval-head'), { result: 'running' })
    const release = r.stages[2]
    expect(release?.jobs.map(j => j.name)).toEqual(['approve', 'smoke-test'])
    expect(release?.jobs[0]?.durationSeconds).toBe(19)
    expect(release?.jobs[1]?.durationSeconds).toBeUndefined()
    expect(r.pendingApproval).toMatchObject({
      model: 'job',
      target: 'job-2-0-0-approve'
    })
  })

  it('does not stretch the parts of a finished task to now', () => {
    const task = fixture('cancelled')
    const stage = task.stages?.[0]
    if (stage) delete stage.end_time
    const r = report(task, { result: 'cancelled' })
    expect(r.stages[0]?.durationSeconds).toBeUndefined()
    expect(r.durationSeconds).toBe(59)
  })

  it('falls back to the creation time for a task not yet started', () => {
    const task = fixture('waiting')
    delete task.start_time
    expect(report(task, { result: 'running' }).durationSeconds).toBe(
      NOW - 1_700_000_000
    )
  })

  it('explains a failure from the first error it finds', () => {
    expect(report(fixture('failed'), { result: 'failure' }).message).toBe(
      'job svc-a-svc-a-build: step "build" exited with code 2'
    )
    expect(report(fixture('rejected'), { result: 'rejected' }).message).toBe(
      'stage release: alice reject this task'
    )
    expect(
      report(fixture('failed'), { result: 'failure', message: 'given' }).message
    ).toBe('given')
    expect(report(fixture('failed')).message).toBeUndefined()
  })

  it('takes the approval it is given, even none', () => {
    const gate = report(fixture('waiting-approval'), { result: 'running' })
    expect(gate.pendingApproval?.target).toBe('release')
    const none = report(fixture('waiting-approval'), {
      result: 'running',
      pendingApproval: null
    })
    expect(none.pendingApproval).toBeNull()
  })

  it('reports what it knows without a task', () => {
    const r = report(null, {
      result: 'failure',
      taskId: 7,
      workflowName: 'WF',
      message: 'ZadigX said no',
      data: []
    })
    expect(r).toMatchObject({
      taskId: 7,
      workflowName: 'WF',
      status: undefined,
      durationSeconds: undefined,
      stages: [],
      message: 'ZadigX said no',
      pendingApproval: null,
      data: []
    })
  })
})

describe('duration helpers', () => {
  it('spanSeconds', () => {
    expect(spanSeconds(undefined, 10)).toBeUndefined()
    expect(spanSeconds(0, 10)).toBeUndefined()
    expect(spanSeconds(10, undefined)).toBeUndefined()
    expect(spanSeconds(10, undefined, 25)).toBe(15)
    expect(spanSeconds(10, 12, 25)).toBe(2)
    expect(spanSeconds(10, 8)).toBe(0)
  })

  it('jobDurationSeconds', () => {
    const job = { name: 'j', type: 't', status: 'passed' }
    expect(jobDurationSeconds({ ...job, cost_seconds: 5 })).toBe(5)
    expect(
      jobDurationSeconds({
        ...job,
        cost_seconds: 0,
        start_time: 1,
        end_time: 4
      })
    ).toBe(3)
  })

  it('firstError reads the task error first', () => {
    const task = fixture('failed')
    task.error = 'task broke'
    expect(firstError(task)).toBe('task broke')
    expect(firstError(fixture('passed'))).toBeUndefined()
  })
})
