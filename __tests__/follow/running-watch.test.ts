import type { Clock } from '../../src/clock.js'
import type { Logger } from '../../src/log.js'
import {
  pauseWithStream,
  RunningWatch,
  streamDelay
} from '../../src/follow/running-watch.js'
import type { RunningEntry } from '../../src/zadig/api/running-tasks.js'

const ours = (status: string, ...steps: string[]): RunningEntry => ({
  workflowKey: 'build-deploy',
  taskId: 11,
  status,
  steps
})
const other: RunningEntry = { ...ours('running'), taskId: 12 }

/** A stream fed by the test: push() sends a list, end() closes it, fail() breaks it. */
function feed() {
  const lists: (RunningEntry[] | Error | null)[] = []
  let wake: (() => void) | undefined
  const put = (item: RunningEntry[] | Error | null) => {
    lists.push(item)
    wake?.()
  }
  async function* open(): AsyncGenerator<RunningEntry[]> {
    for (;;) {
      while (lists.length === 0) await new Promise<void>(r => (wake = r))
      const item = lists.shift()
      if (item === null || item === undefined) return
      if (item instanceof Error) throw item
      yield item
    }
  }
  return {
    open,
    push: (...list: RunningEntry[]) => put(list),
    end: () => put(null),
    fail: (e: Error) => put(e)
  }
}

function logger() {
  const debug: string[] = []
  const log: Logger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: m => void debug.push(m)
  }
  return { log, debug }
}

/** A clock whose sleeps move time and, each second, let the test push a list. */
function tickingClock(onTick: (now: number) => void): Clock {
  let now = 0
  return {
    now: () => now,
    sleep: async ms => {
      now += ms
      onTick(now)
    }
  }
}

const settle = () => new Promise(r => setImmediate(r))

describe('RunningWatch', () => {
  it('knows the task’s entry, and that it left the list', async () => {
    const f = feed()
    const { log } = logger()
    const w = new RunningWatch(f.open, 'build-deploy', 11, log)
    f.push(other)
    await w.ready(1000)
    expect([w.live, w.mark, w.left]).toEqual([true, null, false])
    f.push(ours('running', 'running', 'running'), other)
    await w.after(1)
    expect(w.mark).toBe('running|running,running')
    f.push(other)
    await w.after(2)
    expect(w.left).toBe(true)
    w.close()
  })

  it.each([
    ['ends', (f: ReturnType<typeof feed>) => f.end(), 'it ended'],
    [
      'breaks',
      (f: ReturnType<typeof feed>) => f.fail(new Error('socket hang up')),
      'socket hang up'
    ]
  ])('says once in the debug log when the stream %s', async (_k, stop, why) => {
    const f = feed()
    const { log, debug } = logger()
    const w = new RunningWatch(f.open, 'build-deploy', 11, log)
    f.push(ours('running'))
    await w.ready(1000)
    stop(f)
    await w.after(1)
    w.close()
    expect(w.live).toBe(false)
    expect(debug).toEqual([
      `Running-task stream not used (${why}); polling instead`
    ])
  })

  it('says nothing when the wait closes it', async () => {
    const f = feed()
    const { log, debug } = logger()
    const w = new RunningWatch(f.open, 'build-deploy', 11, log)
    f.push(ours('running'))
    await w.ready(1000)
    w.close()
    await settle()
    expect(debug).toEqual([])
  })
})

describe('pauseWithStream', () => {
  it('ends the pause on the tick the task leaves the list', async () => {
    const f = feed()
    const w = new RunningWatch(f.open, 'build-deploy', 11, logger().log)
    f.push(ours('running'))
    await w.ready(1000)
    // The task ends 7 s into a 60 s pause.
    const clock = tickingClock(now =>
      f.push(...(now >= 7000 ? [] : [ours('running')]))
    )
    await pauseWithStream(w, clock)(60_000)
    expect(clock.now()).toBe(7000)
    w.close()
  })

  it('sleeps the whole pause without a live stream', async () => {
    const f = feed()
    const w = new RunningWatch(f.open, 'build-deploy', 11, logger().log)
    f.end()
    await w.ready(1000)
    const clock = tickingClock(() => undefined)
    await pauseWithStream(w, clock)(60_000)
    expect(clock.now()).toBe(60_000)
  })
})

describe('streamDelay', () => {
  it('stretches the plan while the task is listed, reads once more after it left', async () => {
    const f = feed()
    const w = new RunningWatch(f.open, 'build-deploy', 11, logger().log)
    const delay = streamDelay(w)
    const ctx = { task: null, pollIntervalMs: 5000 }
    expect(delay(5000, ctx)).toBe(5000) // not live yet
    f.push(ours('running'))
    await w.ready(1000)
    expect(delay(5000, ctx)).toBe(300_000)
    expect(delay(5000, { task: null, pollIntervalMs: 10 })).toBe(5000)
    f.push(other)
    await w.after(1)
    const running = {
      ...ctx,
      task: { task_id: 11, status: 'running' } as never
    }
    expect(delay(60_000, running)).toBe(5000)
    expect(delay(60_000, running)).toBe(60_000)
    w.close()
  })
})
