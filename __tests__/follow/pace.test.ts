import type { Clock } from '../../src/clock.js'
import {
  describeLeft,
  learnHistory,
  type RunHistory
} from '../../src/follow/estimate.js'
import { narrowWindow, paceWindow } from '../../src/follow/pace.js'
import { createPollingPlan } from '../../src/follow/polling.js'
import type { TaskDetail, TaskStage } from '../../src/zadig/types.js'
import { runningTask, taskBrief } from '../helpers/tasks.js'

const T = 1_700_000_000 // server now, epoch seconds

function ended(name: string, start: number, seconds: number): TaskStage {
  return {
    name,
    status: 'passed',
    start_time: start,
    end_time: start + seconds
  }
}

const waiting = (name: string): TaskStage => ({ name, status: '' })

/**
 * A task whose first stages took `took` seconds each, one after another, then a
 * running stage `runningFor` seconds old and `ahead` stages not started.
 */
function task(took: number[], runningFor: number, ahead = 0): TaskDetail {
  let at = T - runningFor - took.reduce((t, s) => t + s, 0)
  const start = at
  const stages: TaskStage[] = took.map((s, i) => {
    const st = ended(`s${i}`, at, s)
    at += s
    return st
  })
  stages.push({ name: `s${took.length}`, status: 'running', start_time: at })
  for (let i = 0; i < ahead; i++) stages.push(waiting(`later${i}`))
  return runningTask(start, { stages })
}

describe('paceWindow: the end by the task’s own pace', () => {
  it('says nothing before a stage has ended', () => {
    expect(paceWindow(task([], 100, 1), T)).toBeUndefined()
  })

  it('gives each stage left the mean time of the stages that ended', () => {
    // Two stages of 200 and 400 s: 300 s a stage; this one and one more are left,
    // give or take 7.5% of those 600 s.
    const w = paceWindow(task([200, 400], 50, 1), T)
    expect(w).toEqual({ lo: 505, mid: 550, hi: 595, runs: 0 })
  })

  it('keeps at least ten seconds either side of a short estimate', () => {
    const w = paceWindow(task([30], 0), T)
    expect(w).toEqual({ lo: 20, mid: 30, hi: 40, runs: 0 })
  })

  it('leaves out stages that ended without working (skipped)', () => {
    const stages = task([300], 0).stages ?? []
    const skipped = { name: 'scan', status: 'skipped', start_time: 0 }
    const t = runningTask(T - 300, { stages: [skipped, ...stages] })
    expect(paceWindow(t, T)?.mid).toBe(300)
  })

  it('scales the usual share of the stages left by this run’s speed', () => {
    // Runs of 600 s split 1:3; this run's first stage took 300 s, twice as slow.
    const runs = [1, 2, 3].map(id =>
      taskBrief(id, T - id * 3600, { end_time: T - id * 3600 + 600 })
    )
    const detail = (id: number): TaskDetail =>
      runningTask(T - id * 3600, {
        task_id: id,
        status: 'passed',
        stages: [
          ended('s0', T - id * 3600, 150),
          ended('s1', T - id * 3600 + 150, 450)
        ]
      })
    const h = learnHistory(runs, [detail(1), detail(2)]) as RunHistory
    const w = paceWindow(task([300], 100), T, h)
    expect(w?.mid).toBe(900 - 100)
  })

  it('is said as the task’s own pace in the progress log', () => {
    const w = paceWindow(task([200], 20), T)
    expect(w && describeLeft(w)).toBe('about 3 min left, from its pace so far')
    const late = paceWindow(task([60], 600), T)
    expect(late && describeLeft(late)).toBe(
      'taking longer than its pace so far'
    )
  })
})

describe('narrowWindow', () => {
  const runs = { lo: 240, mid: 300, hi: 360, runs: 10 }
  it('keeps the part of the runs’ window the pace allows', () => {
    const pace = { lo: 270, mid: 300, hi: 330, runs: 0 }
    expect(narrowWindow(runs, pace)).toEqual({
      lo: 270,
      mid: 300,
      hi: 330,
      runs: 10
    })
  })

  it('takes the pace when this run is not like the recent ones', () => {
    const pace = { lo: 500, mid: 550, hi: 600, runs: 0 }
    expect(narrowWindow(runs, pace)).toBe(pace)
    expect(narrowWindow(undefined, pace)).toBe(pace)
    expect(narrowWindow(runs, undefined)).toBe(runs)
  })
})

describe('adaptive polling without history', () => {
  function plan() {
    let now = T * 1000
    const clock: Clock = { now: () => now, sleep: async () => undefined }
    const p = createPollingPlan({ strategy: 'adaptive', minMs: 5000, clock })
    p.learn(null)
    return {
      at: (sec: number) => (now = sec * 1000),
      next: (t: TaskDetail) =>
        p.nextDelayMs({ task: t, elapsedMs: 0, pollIntervalMs: 5000 })
    }
  }

  it('backs off by a fifth of the time while later stages have not started', () => {
    expect(plan().next(task([], 100, 1))).toBe(20_000)
    expect(plan().next(task([], 100, 0))).toBe(10_000)
  })

  it('looks every poll-interval around the end its pace places', () => {
    const p = plan()
    const looks: number[] = []
    // Stage 2 of 2 started after a 300 s stage 1: the end is expected 300 s on.
    const snapshot = task([300], 0)
    for (let t = 0; t <= 320;) {
      looks.push(t)
      p.at(T + t)
      t += p.next(snapshot) / 1000
    }
    // The window: 300 s give or take 22.5 s.
    const before = looks.filter(t => t < 277.5)
    const near = looks.filter(t => t >= 277.5 && t <= 320)
    expect(before.length).toBeLessThanOrEqual(10)
    for (let i = 1; i < near.length; i++)
      expect((near[i] ?? 0) - (near[i - 1] ?? 0)).toBe(5)
    expect(near.length).toBeGreaterThanOrEqual(8)
  })
})
