import type { Clock } from '../../src/clock.js'
import { learnHistory, type RunHistory } from '../../src/follow/estimate.js'
import {
  createPollingPlan,
  latestStamp,
  waitsOnPerson,
  type PollingPlan
} from '../../src/follow/polling.js'
import type { TaskBrief, TaskDetail, TaskStage } from '../../src/zadig/types.js'
import { runningTask, taskBrief } from '../helpers/tasks.js'

const T = 1_700_000_000 // epoch seconds
const TEN = [540, 600, 660, 720, 480, 570, 630, 690, 510, 600]

function brief(id: number, seconds: number): TaskBrief {
  const start = T - id * 3600
  return taskBrief(id, start, { end_time: start + seconds })
}

const HISTORY = learnHistory(
  TEN.map((d, i) => brief(i + 1, d)),
  []
) as RunHistory

/** A task that started `ago` seconds before server time `serverNow`. */
function running(ago: number, serverNow = T, stages?: TaskStage[]): TaskDetail {
  const start = serverNow - ago
  return runningTask(start, {
    create_time: start,
    stages: stages ?? [{ name: 'build', status: 'running', start_time: start }]
  })
}

interface Harness {
  plan: PollingPlan
  /** Sets the local clock, in epoch seconds. */
  at(seconds: number): void
  /** The next delay for `task` at the current time. */
  next(task: TaskDetail | null, elapsedMs?: number): number
}

function harness(
  strategy: 'adaptive' | 'fixed' = 'adaptive',
  minMs = 5000,
  history: RunHistory | null = HISTORY
): Harness {
  let now = T * 1000
  const clock: Clock = { now: () => now, sleep: async () => undefined }
  const plan = createPollingPlan({ strategy, minMs, clock })
  plan.learn(history)
  return {
    plan,
    at: seconds => (now = seconds * 1000),
    next: (task, elapsedMs = 0) =>
      plan.nextDelayMs({ task, elapsedMs, pollIntervalMs: minMs })
  }
}

describe('adaptive polling with history (runs of 8-12 min)', () => {
  it.each([
    [0, 60_000, 'far from the end: the sparse cap'],
    [420, 30_000, 'a minute before the earliest end: half the way'],
    [470, 5000, 'just before: never under poll-interval'],
    [500, 5000, 'inside the window: every poll-interval'],
    [715, 5000, 'near the latest end'],
    [
      730,
      5000,
      'just past the longest run: half the overrun, at least the interval'
    ],
    [780, 30_000, 'a minute past: half the overrun, within the gentle cap'],
    [3600, 30_000, 'far past: the gentle cap']
  ])('after %ss: %sms (%s)', (elapsed, delay) => {
    expect(harness().next(running(elapsed))).toBe(delay)
  })

  it('needs few looks before the window and looks every interval inside it', () => {
    const h = harness()
    const looks: number[] = []
    for (let t = 0; t <= 600;) {
      looks.push(t)
      h.at(T + t)
      t += h.next(running(t, T + t)) / 1000
    }
    const before = looks.filter(t => t < 480)
    expect(before.length).toBeLessThanOrEqual(12)
    const inside = looks.filter(t => t >= 480)
    expect(inside.length).toBeGreaterThanOrEqual(20)
    for (let i = 1; i < inside.length; i++)
      expect((inside[i] ?? 0) - (inside[i - 1] ?? 0)).toBe(5)
  })

  it('never polls faster than poll-interval, and a long interval wins over the caps', () => {
    expect(harness('adaptive', 20_000).next(running(500))).toBe(20_000)
    expect(harness('adaptive', 20_000).next(running(0))).toBe(60_000)
    for (const elapsed of [0, 500, 900])
      expect(harness('adaptive', 120_000).next(running(elapsed))).toBe(120_000)
  })

  it('shrinks the caps with a very short interval (tests, demos)', () => {
    expect(harness('adaptive', 10).next(running(0))).toBe(120)
    expect(harness('adaptive', 10, null).next(running(3600))).toBe(60)
  })

  it('says how much is left, from how many runs', () => {
    const h = harness()
    expect(h.plan.describe(running(120))).toBe(
      'about 8 min left, from the last 10 runs'
    )
  })
})

describe('without history', () => {
  it.each([
    [10, 5000],
    [120, 12_000],
    [200, 20_000],
    [3600, 30_000]
  ])(
    'after %ss: a tenth of the time so far (%sms), capped',
    (elapsed, delay) => {
      expect(harness('adaptive', 5000, null).next(running(elapsed))).toBe(delay)
    }
  )

  it('backs off on the wait time before the first snapshot', () => {
    const h = harness('adaptive', 5000, null)
    expect(h.next(null, 0)).toBe(5000)
    expect(h.next(null, 100_000)).toBe(10_000)
  })

  it('has nothing to say about the time left', () => {
    expect(harness('adaptive', 5000, null).plan.describe(running(10))).toBe(
      undefined
    )
  })

  it('treats an empty history as none', () => {
    const h = harness('adaptive', 5000, { durations: [], shares: new Map() })
    expect(h.next(running(0))).toBe(5000)
  })
})

describe('poll-strategy: fixed', () => {
  it('polls every poll-interval whatever the history says', () => {
    const h = harness('fixed', 5000)
    for (const elapsed of [0, 300, 3600])
      expect(h.next(running(elapsed))).toBe(5000)
    expect(h.next(null, 600_000)).toBe(5000)
  })
})

function gated(ago: number, gateAgo: number): TaskDetail {
  const stages: TaskStage[] = [
    {
      name: 'build',
      status: 'passed',
      start_time: T - ago,
      end_time: T - gateAgo
    },
    {
      name: 'approval',
      status: 'running',
      start_time: T - gateAgo,
      jobs: [
        {
          name: 'approve',
          type: 'approval',
          status: 'wait_for_approval',
          start_time: T - gateAgo
        }
      ]
    }
  ]
  return running(ago, T, stages)
}

describe('approval gates and paused tasks', () => {
  it('backs off from the moment the gate was seen, and says nothing of time left', () => {
    const h = harness()
    expect(h.next(gated(500, 0))).toBe(5000)
    expect(h.plan.describe(gated(500, 0))).toBeUndefined()
    h.at(T + 120)
    expect(h.next(gated(620, 120))).toBe(12_000)
    h.at(T + 600)
    expect(h.next(gated(1100, 600))).toBe(30_000)
  })

  it('goes back to the expected end once the gate is decided', () => {
    const h = harness()
    h.next(gated(500, 0))
    expect(h.next(running(0))).toBe(60_000)
  })

  it('counts a paused task as waiting on a person', () => {
    expect(waitsOnPerson({ ...running(10), status: 'pause' })).toBe(true)
    expect(waitsOnPerson(running(10))).toBe(false)
  })
})

describe("the server's clock", () => {
  it('is taken from the task when the server runs ahead', () => {
    const h = harness()
    // Server 10 min ahead: the task has just started by its clock.
    const task = running(0, T + 600)
    h.plan.observe(task)
    expect(h.plan.describe(task)).toBe(
      'about 10 min left, from the last 10 runs'
    )
  })

  it('learns that the server is behind from a stamp that appears between reads', () => {
    const h = harness()
    const behind = T - 3600
    const first = running(100, behind)
    h.plan.observe(first)
    // Until a new stamp shows up, the clocks are taken to agree.
    expect(h.plan.describe(first)).toBe('taking longer than the last 10 runs')
    h.at(T + 5)
    const second = running(105, behind + 5)
    second.stages?.push({
      name: 'deploy',
      status: 'running',
      start_time: behind + 3
    })
    h.plan.observe(second)
    expect(h.plan.describe(second)).toBe(
      'about 8 min left, from the last 10 runs'
    )
  })

  it('reads the latest stamp of a snapshot', () => {
    const task = gated(500, 60)
    expect(latestStamp(task)).toBe(T - 60)
    expect(
      latestStamp({
        ...running(0),
        create_time: 0,
        start_time: 0,
        stages: null
      })
    ).toBe(0)
  })
})
