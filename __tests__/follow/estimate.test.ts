import {
  describeHistory,
  describeLeft,
  endWindow,
  gateSeconds,
  learnHistory,
  workSeconds,
  type RunHistory
} from '../../src/follow/estimate.js'
import type { TaskBrief, TaskDetail, TaskStage } from '../../src/zadig/types.js'
import { taskFixture as fixture } from '../helpers/fixtures.js'
import { runningTask, taskBrief } from '../helpers/tasks.js'

const T = 1_700_000_000

/** A run of `seconds` that started `id` hours before T. */
function brief(id: number, seconds: number, status = 'passed'): TaskBrief {
  const start = T - id * 3600
  return taskBrief(id, start, {
    create_time: start - 2,
    end_time: start + seconds,
    status
  })
}

function stage(name: string, start: number, seconds: number): TaskStage {
  return {
    name,
    status: 'passed',
    start_time: start,
    end_time: start + seconds,
    jobs: [{ name: `${name}-job`, type: 'zadig-build', status: 'passed' }]
  }
}

/** A detail whose stages take `seconds` each, one after another. */
function detail(id: number, seconds: number[], status = 'passed'): TaskDetail {
  const start = T - id * 3600
  let at = start
  const stages = seconds.map((s, i) => {
    const st = stage(['build', 'deploy', 'release'][i] ?? `s${i}`, at, s)
    at += s
    return st
  })
  return {
    task_id: id,
    workflow_key: 'build-deploy',
    workflow_name: 'Build & Deploy',
    project_key: 'demo',
    status,
    start_time: start,
    end_time: at,
    stages
  }
}

const TEN = [540, 600, 660, 720, 480, 570, 630, 690, 510, 600]

/** The simulator's seeded history: ten runs, the newest two read in detail. */
function history(): RunHistory {
  return learnHistory(
    TEN.map((d, i) => brief(i + 1, d)),
    [detail(1, [270, 270]), detail(2, [300, 300])]
  ) as RunHistory
}

describe('learnHistory', () => {
  it('takes the durations of the listed runs and the stage shares of the detailed ones', () => {
    const h = history()
    expect(h.durations).toEqual([
      540, 600, 660, 720, 480, 570, 630, 690, 510, 600
    ])
    expect(Object.fromEntries(h.shares)).toEqual({ build: 0.5, deploy: 0.5 })
  })

  it('leaves out runs far from the rest (a retried run, a run that skipped most work)', () => {
    const runs = [600, 610, 36_000, 590, 60, 620].map((d, i) => brief(i + 1, d))
    expect(learnHistory(runs, [])?.durations).toEqual([600, 610, 590, 620])
  })

  it('keeps few runs as they are, and returns null when nothing is usable', () => {
    expect(learnHistory([brief(1, 60), brief(2, 6000)], [])?.durations).toEqual(
      [60, 6000]
    )
    expect(learnHistory([], [])).toBeNull()
    expect(learnHistory([{ ...brief(1, 0), end_time: 0 }], [])).toBeNull()
  })

  it('leaves the time people took to approve out of gated runs', () => {
    const gated = fixture('passed') // a 50 s stage approval before `release`
    gated.task_id = 1
    const runs = [brief(1, 329), brief(2, 4000), brief(3, 300)]
    const h = learnHistory(runs, [gated]) as RunHistory
    // Listed durations of a gated workflow include human time: only the detail counts.
    expect(h.durations).toEqual([276])
    expect(h.shares.get('release')).toBeCloseTo(39 / 276)
  })
})

describe('work and gate seconds', () => {
  it('sums the stages of a finished task, approval waits left out', () => {
    const task = fixture('passed')
    expect(gateSeconds(task)).toBe(50)
    expect(workSeconds(task)).toBe(178 + 59 + 39)
  })

  it('counts an approval job that still waits until now', () => {
    const task = fixture('waiting-approval-head')
    const job = task.stages?.[2]?.jobs?.find(j => j.type === 'approval')
    expect(job?.start_time).toBeGreaterThan(0)
    const now = (job?.start_time ?? 0) + 90
    expect(gateSeconds(task, now)).toBe(90)
  })

  it('falls back to the task times without stage times', () => {
    const task: TaskDetail = {
      ...detail(1, []),
      start_time: T,
      end_time: T + 75
    }
    expect(workSeconds(task)).toBe(75)
  })
})

function running(startedAgo: number, stages: TaskStage[] = []): TaskDetail {
  return runningTask(T - startedAgo, { stages })
}

describe('endWindow', () => {
  it('places the end between the shortest and the longest run from the start', () => {
    const w = endWindow(history(), running(120), T)
    expect(w).toEqual({ lo: 360, mid: 480, hi: 600, runs: 10 })
  })

  it('uses the usual share of the stages once the first one is over', () => {
    const build = stage('build', T - 400, 390)
    const deploy = { ...stage('deploy', T - 10, 0), status: 'running' }
    delete deploy.end_time
    const w = endWindow(history(), running(400, [build, deploy]), T)
    // Deploy takes half a run: 240..360 s, 10 s of it done.
    expect(w).toEqual({ lo: 230, mid: 290, hi: 350, runs: 10 })
  })

  it('falls back to the whole run for a stage the history does not know', () => {
    const build = stage('build', T - 400, 390)
    const extra = { ...stage('scan', T - 10, 0), status: 'running' }
    const w = endWindow(history(), running(400, [build, extra]), T)
    expect(w.lo).toBe(80)
  })

  it('widens the window when it stands on fewer than three runs', () => {
    const two = learnHistory([brief(1, 600), brief(2, 600)], []) as RunHistory
    const w = endWindow(two, running(0), T)
    expect(w).toEqual({ lo: 510, mid: 600, hi: 690, runs: 2 })
  })

  it('leaves a waiting (queued) task its whole run', () => {
    const queued = { ...running(0), status: 'waiting', start_time: 0 }
    expect(endWindow(history(), queued, T).lo).toBe(480)
  })
})

describe('describing the estimate', () => {
  it.each([
    [
      { lo: 60, mid: 180, hi: 300, runs: 10 },
      'about 3 min left, from the last 10 runs'
    ],
    [
      { lo: -10, mid: 20, hi: 80, runs: 10 },
      'less than a minute left, from the last 10 runs'
    ],
    [
      { lo: 4000, mid: 5400, hi: 6000, runs: 1 },
      'about 1.5 h left, from the last run'
    ],
    [
      { lo: -90, mid: -60, hi: -30, runs: 4 },
      'taking longer than the last 4 runs'
    ]
  ])('%j -> %s', (w, text) => {
    expect(describeLeft(w)).toBe(text)
  })

  it('sums up the history in one line', () => {
    expect(describeHistory(history())).toBe(
      'the last 10 runs took 8m00s to 12m00s (typically 10m00s)'
    )
    const one = learnHistory([brief(1, 300)], []) as RunHistory
    expect(describeHistory(one)).toBe(
      'the last run took 5m00s (typically 5m00s)'
    )
  })
})
