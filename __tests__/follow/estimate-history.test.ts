import {
  HISTORY_WAIT_MS,
  RUNS_IN_DETAIL,
  loadRunHistory,
  passedRuns,
  waitAtMost,
  type HistorySource
} from '../../src/follow/run-history.js'
import type { TaskBrief, TaskDetail } from '../../src/zadig/types.js'
import { taskBrief } from '../helpers/tasks.js'

const T = 1_700_000_000

function brief(id: number, status: string, seconds = 600): TaskBrief {
  const start = T - (20 - id) * 3600
  return taskBrief(id, start, {
    end_time: status === 'running' ? 0 : start + seconds,
    status
  })
}

function detailOf(run: TaskBrief): TaskDetail {
  const half = ((run.end_time ?? 0) - (run.start_time ?? 0)) / 2
  const at = run.start_time ?? 0
  return {
    task_id: run.task_id,
    workflow_key: run.workflow_key,
    workflow_name: run.workflow_name,
    project_key: 'demo',
    status: run.status,
    start_time: at,
    end_time: run.end_time,
    stages: [
      { name: 'build', status: 'passed', start_time: at, end_time: at + half },
      {
        name: 'deploy',
        status: 'passed',
        start_time: at + half,
        end_time: at + 2 * half
      }
    ]
  }
}

/** Newest first: the running task 12, a failed 11, passed 10 .. 1 (id 10 = 700 s). */
const RECENT = [
  brief(12, 'running'),
  brief(11, 'failed', 60),
  brief(10, 'PASSED', 700),
  ...[9, 8, 7, 6, 5, 4, 3, 2, 1].map(id => brief(id, 'passed'))
]

function source(tasks: TaskBrief[], failing: number[] = []) {
  const asked: number[] = []
  const s: HistorySource = {
    recent: async () => tasks,
    detail: async id => {
      asked.push(id)
      if (failing.includes(id)) throw new Error('HTTP 500')
      return detailOf(tasks.find(t => t.task_id === id) as TaskBrief)
    }
  }
  return { s, asked }
}

const signal = new AbortController().signal

describe('passedRuns', () => {
  it('keeps the ten newest passed runs other than the task being followed', () => {
    const runs = passedRuns([...RECENT, brief(0, 'passed')], 12)
    expect(runs.map(r => r.task_id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    expect(passedRuns(RECENT, 10).map(r => r.task_id)[0]).toBe(9)
  })
})

describe('loadRunHistory', () => {
  it('reads the newest passed runs in detail for their stage shares', async () => {
    const { s, asked } = source(RECENT)
    const h = await loadRunHistory(s, 12, signal)
    expect(asked).toEqual([10, 9])
    expect(asked).toHaveLength(RUNS_IN_DETAIL)
    expect(h?.durations).toEqual([
      700, 600, 600, 600, 600, 600, 600, 600, 600, 600
    ])
    expect(Object.fromEntries(h?.shares ?? [])).toEqual({
      build: 0.5,
      deploy: 0.5
    })
  })

  it('goes on without a detail that cannot be read', async () => {
    const { s } = source(RECENT, [10])
    const h = await loadRunHistory(s, 12, signal)
    expect(h?.durations).toHaveLength(10)
    expect(h?.shares.get('deploy')).toBe(0.5)
  })

  it('has no history for a workflow without passed runs, and reads no detail', async () => {
    const { s, asked } = source([brief(2, 'running'), brief(1, 'failed')])
    expect(await loadRunHistory(s, 2, signal)).toBeNull()
    expect(asked).toEqual([])
  })
})

describe('waitAtMost', () => {
  it('returns as soon as the work is done, even when it fails', async () => {
    const start = Date.now()
    await expect(
      waitAtMost(Promise.resolve(1), HISTORY_WAIT_MS)
    ).resolves.toBeUndefined()
    await expect(
      waitAtMost(Promise.reject(new Error('no')), HISTORY_WAIT_MS)
    ).resolves.toBeUndefined()
    expect(Date.now() - start).toBeLessThan(HISTORY_WAIT_MS)
  })

  it('stops waiting after the budget for work that does not end', async () => {
    await expect(
      waitAtMost(new Promise(() => undefined), 5)
    ).resolves.toBeUndefined()
  })
})
