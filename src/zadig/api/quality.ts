// Test tasks through the quality OpenAPI (docs/zadigx-api.md#test-tasks): start one,
// read one. The server keeps no OpenAPI list of a test's tasks and no cancel route.
import {
  optionalName,
  optionalNumber,
  optionalRecord,
  readFields,
  record,
  statusWord,
  taskId,
  type FieldPath
} from '../decode.js'
import type { ZadigHttp } from '../http.js'

/** The totals of a passed test task (`skiped_total` is the server's spelling). */
export interface TestTotals {
  test_total?: number
  success_total?: number
  failure_total?: number
  error_total?: number
  skiped_total?: number
  time?: number
}

/** GET /openapi/quality/testing/:testName/task/:taskID. */
export interface TestTaskDetail {
  task_id: number
  status: string
  creator?: string
  create_time?: number
  start_time?: number
  end_time?: number
  /** Filled only once the task `passed`. */
  test_report?: TestTotals
}

const TESTING = '/openapi/quality/testing'

function totals(value: unknown, path: FieldPath): TestTotals | undefined {
  const report = optionalRecord(value, path)
  if (!report) return undefined
  // The cases are left out: they are server text the action does not show.
  const read = readFields<TestTotals>(report, path, {
    test_total: optionalNumber,
    success_total: optionalNumber,
    failure_total: optionalNumber,
    error_total: optionalNumber,
    skiped_total: optionalNumber,
    time: optionalNumber
  })
  const {
    test_total,
    success_total,
    failure_total,
    error_total,
    skiped_total,
    time
  } = read
  return {
    test_total,
    success_total,
    failure_total,
    error_total,
    skiped_total,
    time
  }
}

/** Reads a test task's answer; anything but this shape is refused. */
export function decodeTestTask(body: unknown): TestTaskDetail {
  const answer = record(body, '')
  const read = readFields<TestTaskDetail>(answer, '', {
    task_id: taskId,
    status: statusWord,
    creator: optionalName,
    create_time: optionalNumber,
    start_time: optionalNumber,
    end_time: optionalNumber
  })
  const report = totals(answer.test_report, 'test_report')
  return {
    task_id: read.task_id,
    status: read.status,
    creator: read.creator,
    create_time: read.create_time,
    start_time: read.start_time,
    end_time: read.end_time,
    ...(report ? { test_report: report } : {})
  }
}

/** Test tasks of a project. */
export class QualityApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #test-tasks: starts a task of `test`; sent once, never retried. */
  startTest(
    projectKey: string,
    testName: string,
    signal?: AbortSignal
  ): Promise<unknown> {
    return this.http.request<unknown>('POST', `${TESTING}/task`, {
      body: { project_key: projectKey, test_name: testName },
      idempotent: false,
      signal
    })
  }

  /** #test-tasks: one task of `test`. */
  testTask(
    projectKey: string,
    testName: string,
    id: number,
    signal?: AbortSignal
  ): Promise<TestTaskDetail> {
    const path = `${TESTING}/${encodeURIComponent(testName)}/task/${id}`
    return this.http.requestDecoded(
      'GET',
      path,
      {
        query: { projectKey },
        idempotent: true,
        once: signal !== undefined,
        signal
      },
      { what: 'the test task', decode: decodeTestTask }
    )
  }
}
