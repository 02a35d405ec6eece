// Job logs printed in collapsible groups (`::group::` … `::endgroup::`). GitHub's log
// has one open group at a time, so the group belongs to one job: its lines print at
// once, other jobs' lines wait. The group passes on when its job ends, when another
// job's oldest kept line has waited MAX_WAIT_MS (a timer looks even when no line
// comes), or when the action prints a line of its own; a job that gets the group back
// gets a "(continued)" group. No job's lines ever sit in another job's group.
import type { Clock } from '../clock.js'
import { untrusted, type Logger } from '../log.js'

/** Longest wait of a job's lines while another job holds the group (issue #15: 2 s). */
export const MAX_WAIT_MS = 1000
/** A log line longer than this is cut (the runner's log viewer chokes on huge lines). */
// With its note the cut line stays within what untrusted() keeps (ERROR_MAX, 2000).
export const MAX_LINE_CHARS = 1900
/** Lines printed per job at most; the rest are counted. */
export const MAX_JOB_LINES = 20_000

// Colour and cursor escapes, and control characters other than tab.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x00-\x08\x0b-\x1f\x7f]/g

/** A server log line made printable: no escapes or controls, clipped, no workflow commands. */
export function safeLine(text: string): string {
  const plain = text.replace(CONTROL, '')
  const clipped =
    plain.length > MAX_LINE_CHARS
      ? `${plain.slice(0, MAX_LINE_CHARS)}… (line cut at ${MAX_LINE_CHARS} characters)`
      : plain
  return untrusted(clipped)
}

/** A group title on one line, without workflow commands. */
function title(text: string): string {
  return safeLine(text.replace(/\s+/g, ' ').trim())
}

/** Prints jobs' lines in groups that never mix jobs. */
export interface LogGroups {
  /** A line of `job`: printed now when `job` holds the group, else kept for its turn. */
  line(job: string, text: string): void
  /** `job` writes no more: its kept lines are printed and its group closed. */
  end(job: string): void
  /** A whole block at once, as its own group (a failed job's tail). */
  block(heading: string, lines: string[]): void
  /** The action's own lines: the open group is closed first, so they never sit in one. */
  readonly outside: Logger
  /** Prints everything still kept and closes the group. */
  close(): void
}

interface JobLines {
  kept: string[]
  /** When the oldest kept line arrived. */
  since: number
  shown: number
  dropped: number
  groups: number
}

/** Groups printed through `log.info`; `clock` times the waits. */
export function createLogGroups(log: Logger, clock: Clock): LogGroups {
  const jobs = new Map<string, JobLines>()
  let owner: string | null = null
  // Stops the waits' timers on close().
  const closed = new AbortController()
  const of = (job: string): JobLines => {
    let j = jobs.get(job)
    if (!j)
      jobs.set(
        job,
        (j = { kept: [], since: 0, shown: 0, dropped: 0, groups: 0 })
      )
    return j
  }
  const print = (j: JobLines, text: string): void => {
    if (j.shown >= MAX_JOB_LINES) {
      j.dropped++
      return
    }
    j.shown++
    log.info(safeLine(text))
  }
  const shut = (): void => {
    if (owner !== null) log.info('::endgroup::')
    owner = null
  }
  const open = (job: string): void => {
    shut()
    const j = of(job)
    const more = j.groups++ > 0 ? ' (continued)' : ''
    log.info(`::group::${title(job)}${more}`)
    owner = job
    for (const text of j.kept.splice(0)) print(j, text)
  }
  const finish = (job: string): void => {
    // A job that wrote nothing gets no empty group.
    if (!jobs.has(job)) return
    const j = of(job)
    if (owner !== job && j.kept.length === 0 && j.dropped === 0) {
      jobs.delete(job)
      return
    }
    if (owner !== job) open(job)
    if (j.dropped > 0)
      log.info(
        `… ${j.dropped} more lines not shown here; the whole log is in ZadigX`
      )
    shut()
    jobs.delete(job)
  }
  // The job whose kept lines have waited longest, of those that wait at all.
  const longestWaiting = (): string | undefined => {
    let next: string | undefined
    for (const [name, j] of jobs)
      if (
        name !== owner &&
        j.kept.length > 0 &&
        (next === undefined || j.since < of(next).since)
      )
        next = name
    return next
  }
  const handOver = (): void => {
    const next = longestWaiting()
    if (next !== undefined && clock.now() - of(next).since >= MAX_WAIT_MS)
      open(next)
  }
  const passOn = (log: Logger['info']) => (message: string) => {
    shut()
    log(message)
  }
  return {
    line(job, text) {
      const j = of(job)
      if (owner === null || owner === job) {
        if (owner === null) open(job)
        print(j, text)
      } else {
        if (j.kept.length === 0) {
          j.since = clock.now()
          // Looks again when this line has waited its longest, lines or not.
          void clock
            .sleep(MAX_WAIT_MS, closed.signal)
            .then(() => closed.signal.aborted || handOver())
        }
        j.kept.push(text)
      }
      handOver()
    },
    end(job) {
      finish(job)
      // The job that has waited longest takes the group.
      const next = longestWaiting()
      if (next !== undefined) open(next)
    },
    block(heading, lines) {
      shut()
      log.info(`::group::${title(heading)}`)
      for (const text of lines) log.info(safeLine(text))
      log.info('::endgroup::')
    },
    outside: {
      info: passOn(m => log.info(m)),
      warning: passOn(m => log.warning(m)),
      error: passOn(m => log.error(m)),
      debug: m => log.debug(m)
    },
    close() {
      closed.abort()
      for (const job of [...jobs.keys()])
        if (of(job).kept.length > 0) finish(job)
      shut()
    }
  }
}
