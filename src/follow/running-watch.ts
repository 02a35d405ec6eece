// Watches the running-task stream for one task (docs/zadigx-api.md#running-tasks): the
// pause between looks ends as soon as the task's entry changes or leaves the list, so
// the end is read within about a second, and polling becomes the fallback. A stream
// that is missing, refused, cut or silent is given up with one debug line.
import type { Clock } from '../clock.js'
import { errorMessage, untrusted, type Logger } from '../log.js'
import { entryFor, type RunningEntry } from '../zadig/api/running-tasks.js'
import { isTerminal } from '../zadig/status.js'
import type { TaskDetail } from '../zadig/types.js'

/** The server sends a list a second; the pause looks at the stream as often. */
export const STREAM_TICK_MS = 1000
/** Real time the first look waits for the stream's first list. */
export const STREAM_WAIT_MS = 3000
/** Real time without a list after which the stream is given up (a buffering proxy). */
export const STREAM_SILENCE_MS = 10_000
/** Longest pause while the stream lists the task (a check on the stream itself). */
const SAFETY_MAX_MS = 300_000
// ... and as many poll-intervals at most, so that short intervals keep it short.
const SAFETY_INTERVALS = 60

/** Opens the stream (client.tasks.running). */
export type OpenStream = (signal: AbortSignal) => AsyncIterable<RunningEntry[]>

type State = 'connecting' | 'live' | 'gone'

/** What the stream says about one task. */
export class RunningWatch {
  #state: State = 'connecting'
  #mark: string | null = null
  #listed = false
  #count = 0
  #closed = false
  readonly #stop = new AbortController()
  readonly #waiters = new Set<() => void>()

  constructor(
    open: OpenStream,
    private readonly workflowKey: string,
    private readonly taskId: number,
    private readonly log: Logger
  ) {
    void this.#read(open)
  }

  /** True while lists arrive. */
  get live(): boolean {
    return this.#state === 'live'
  }

  /** The task's entry as last listed (status and steps), null when not listed. */
  get mark(): string | null {
    return this.#mark
  }

  /** True once the task has been listed and is no longer: read it now. */
  get left(): boolean {
    return this.#listed && this.#mark === null
  }

  /** Lists received so far. */
  get count(): number {
    return this.#count
  }

  /** Resolves once a first list is in, the stream is given up, or `ms` real ms pass. */
  ready(ms: number): Promise<void> {
    return this.#until(() => this.#count > 0, ms, false)
  }

  /** Resolves once more than `count` lists are in or the stream is given up. */
  after(count: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve()
    return this.#until(
      () => this.#count > count,
      STREAM_SILENCE_MS,
      true,
      signal
    )
  }

  /** Stops reading (the wait is over). */
  close(): void {
    this.#closed = true
    this.#end()
  }

  async #read(open: OpenStream): Promise<void> {
    try {
      for await (const list of open(this.#stop.signal)) {
        if (this.#state === 'gone') return
        const entry = entryFor(list, this.workflowKey, this.taskId)
        this.#mark = entry ? `${entry.status}|${entry.steps.join(',')}` : null
        this.#listed ||= entry !== undefined
        this.#count += 1
        this.#state = 'live'
        this.#wake()
      }
      this.#giveUp('it ended')
    } catch (err) {
      this.#giveUp(errorMessage(err))
    }
  }

  #until(
    done: () => boolean,
    ms: number,
    silent: boolean,
    signal?: AbortSignal
  ): Promise<void> {
    if (done() || this.#state === 'gone') return Promise.resolve()
    return new Promise(resolve => {
      const clear = () => {
        clearTimeout(timer)
        this.#waiters.delete(check)
        signal?.removeEventListener('abort', clear)
        resolve()
      }
      const check = () => {
        if (done() || this.#state === 'gone') clear()
      }
      const timer = setTimeout(() => {
        if (silent) this.#giveUp(`no message for ${ms / 1000} s`)
        clear()
      }, ms)
      timer.unref?.()
      this.#waiters.add(check)
      signal?.addEventListener('abort', clear, { once: true })
    })
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check()
  }

  #giveUp(reason: string): void {
    if (this.#state === 'gone') return
    if (!this.#closed)
      this.log.debug(
        `Running-task stream not used (${untrusted(reason)}); polling instead`
      )
    this.#end()
  }

  #end(): void {
    this.#state = 'gone'
    this.#stop.abort()
    this.#wake()
  }
}

/**
 * The pause between looks with a stream: a stream tick at a time, ending early when
 * the task's entry changes or leaves the list; a plain sleep once the stream is gone.
 */
export function pauseWithStream(watch: RunningWatch, clock: Clock) {
  return async (ms: number, signal?: AbortSignal): Promise<void> => {
    const until = clock.now() + ms
    const mark = watch.mark
    for (;;) {
      const left = until - clock.now()
      if (left <= 0 || signal?.aborted) return
      if (!watch.live || left < STREAM_TICK_MS) return clock.sleep(left, signal)
      const count = watch.count
      await clock.sleep(STREAM_TICK_MS, signal)
      await watch.after(count, signal)
      if (watch.live && watch.mark !== mark) return
    }
  }
}

/** What the delay rule needs to know of the wait. */
export interface StreamDelayContext {
  task: TaskDetail | null
  pollIntervalMs: number
}

/**
 * The pause the polling plan asks for, stretched while the stream lists the task (it
 * says when the task moves) and cut to poll-interval once after the task has left the
 * list while its last read still showed it running (the entry goes a moment before
 * the task is saved ended).
 */
export function streamDelay(watch: RunningWatch) {
  let rechecked = false
  return (planned: number, ctx: StreamDelayContext): number => {
    if (!watch.live) return planned
    if (watch.mark !== null) {
      const safety = Math.min(
        SAFETY_MAX_MS,
        ctx.pollIntervalMs * SAFETY_INTERVALS
      )
      return Math.max(planned, safety)
    }
    if (watch.left && !rechecked && !isTerminal(ctx.task?.status)) {
      rechecked = true
      return ctx.pollIntervalMs
    }
    return planned
  }
}
