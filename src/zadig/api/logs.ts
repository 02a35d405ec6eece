// Job logs of custom-workflow tasks: a running job's stream (docs/zadigx-api.md#job-log-stream)
// and an ended job's stored log (docs/zadigx-api.md#job-log). Both name the job by its
// job-task `name` from task detail. Text comes back scrubbed of the token.
import { errorMessage } from '../../log.js'
import { scrub } from '../../secrets.js'
import { ZadigApiError } from '../errors.js'
import type { ZadigHttp } from '../http.js'
import { EventTooLargeError, readEvents } from '../sse.js'

/** Which job of which task. */
export interface JobLogRef {
  workflowKey: string
  taskId: number
  /** The job-task `name` of task detail (not `key` or `display_name`). */
  jobName: string
}

/** Most bytes read from one job's log, stream or stored. */
export const LOG_MAX_BYTES = 8 << 20

// `:lines` is the tail of what is already written when the stream opens; a job seen
// running may have written a while already, so ask for enough to start at its start.
const STREAM_TAIL_LINES = 100_000

const seg = (s: string | number): string => encodeURIComponent(String(s))

/** The log routes. */
export class LogsApi {
  constructor(private readonly http: ZadigHttp) {}

  /**
   * The job's log lines as they are written, until the server ends the stream (the job
   * ended) or `signal` aborts. A job that has already ended gives no line at all.
   */
  async *follow(
    job: JobLogRef,
    options: { signal?: AbortSignal } = {}
  ): AsyncGenerator<string, void, undefined> {
    const path = `/api/aslan/logs/sse/v4/workflow/${seg(job.workflowKey)}/${seg(job.taskId)}/${seg(job.jobName)}/${STREAM_TAIL_LINES}`
    // Leaving the loop early cancels the body (the stream's iterator does that).
    const signal = options.signal ?? new AbortController().signal
    const body = await this.http.stream(path, signal, { headerTimeout: false })
    let read = 0
    try {
      for await (const event of readEvents(body)) {
        read += event.data.length
        // One event is one line; a carriage-return segment ends in a literal `\r`.
        for (const line of scrub(event.data).split('\n'))
          yield line.replace(/\\r$/, '')
        if (read >= LOG_MAX_BYTES) return
      }
    } catch (err) {
      options.signal?.throwIfAborted()
      if (err instanceof ZadigApiError) throw err
      const detail =
        err instanceof EventTooLargeError
          ? err.message
          : `the stream was cut (${errorMessage(err)})`
      throw this.http.fail({ status: 200, method: 'GET', path }, detail)
    }
  }

  /** An ended job's stored log as lines (its last LOG_MAX_BYTES); empty when none is kept. */
  async read(
    job: JobLogRef,
    options: { signal?: AbortSignal } = {}
  ): Promise<string[]> {
    const path = `/api/aslan/logs/log/v4/workflow/${seg(job.workflowKey)}/tasks/${seg(job.taskId)}/jobs/${seg(job.jobName)}`
    const text = await this.http.request<string>('GET', path, {
      answer: 'text',
      idempotent: true,
      keepLastBytes: LOG_MAX_BYTES,
      signal: options.signal
    })
    const clean = scrub(typeof text === 'string' ? text : '')
    const lines = clean.split(/\r?\n/)
    if (lines.at(-1) === '') lines.pop()
    return lines
  }
}
