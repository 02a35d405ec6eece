// Test and code-scan tasks through the quality OpenAPI (docs/zadigx-api.md#test-tasks,
// #scan-tasks): start one, read one. The server keeps no OpenAPI list of a test's or a
// scan's tasks and no cancel route.
import {
  list,
  optionalName,
  optionalNumber,
  optionalRecord,
  optionalText,
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
const CODESCAN = '/openapi/quality/codescan'

/** A repository of a scan task as the start sends it (ScanningRepoInfo). */
export interface ScanRepo {
  source: string
  repo_owner: string
  repo_name: string
  branch: string
  prs?: number[]
}

/** A repository a scan task checked out (OpenAPIScanRepoBrief, the fields shown). */
export interface ScanTaskRepo {
  source?: string
  repo_owner?: string
  repo_name?: string
  branch?: string
}

/** GET /openapi/quality/codescan/:scanName/task/:taskID. */
export interface ScanTaskDetail {
  task_id: number
  status: string
  creator?: string
  create_time?: number
  end_time?: number
  /** The scanner's page of the project (SonarQube scans only); http(s) or left out. */
  result_link?: string
  repo_info: ScanTaskRepo[]
}

// A link is kept only when it is an absolute http(s) URL of a sane length.
function webLink(value: unknown, path: FieldPath): string | undefined {
  const link = optionalText(value, path, 2000)
  if (!link) return undefined
  try {
    const url = new URL(link)
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.href
      : undefined
  } catch {
    return undefined
  }
}

function scanRepo(value: unknown, path: FieldPath): ScanTaskRepo {
  const repo = record(value, path)
  const read = readFields<ScanTaskRepo>(repo, path, {
    source: optionalName,
    repo_owner: optionalName,
    repo_name: optionalName,
    branch: optionalName
  })
  const { source, repo_owner, repo_name, branch } = read
  return { source, repo_owner, repo_name, branch }
}

/** Reads a scan task's answer; anything but this shape is refused. */
export function decodeScanTask(body: unknown): ScanTaskDetail {
  const answer = record(body, '')
  const read = readFields<ScanTaskDetail>(answer, '', {
    task_id: taskId,
    status: statusWord,
    creator: optionalName,
    create_time: optionalNumber,
    end_time: optionalNumber
  })
  const link = webLink(answer.result_link, 'result_link')
  const repos = list(answer.repo_info, 'repo_info', scanRepo)
  return {
    task_id: read.task_id,
    status: read.status,
    creator: read.creator,
    create_time: read.create_time,
    end_time: read.end_time,
    ...(link ? { result_link: link } : {}),
    repo_info: repos
  }
}

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

/** Test and code-scan tasks of a project. */
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

  /** #scan-tasks: starts a task of scan `scanName`; sent once, never retried. */
  startScan(
    projectKey: string,
    scanName: string,
    body: {
      scan_repos: ScanRepo[]
      scan_kvs: { key: string; value: string }[]
    },
    signal?: AbortSignal
  ): Promise<unknown> {
    return this.http.request<unknown>(
      'POST',
      `${CODESCAN}/${encodeURIComponent(scanName)}/task`,
      { query: { projectKey }, body, idempotent: false, signal }
    )
  }

  /** #scan-tasks: one task of scan `scanName`. */
  scanTask(
    projectKey: string,
    scanName: string,
    id: number,
    signal?: AbortSignal
  ): Promise<ScanTaskDetail> {
    const path = `${CODESCAN}/${encodeURIComponent(scanName)}/task/${id}`
    return this.http.requestDecoded(
      'GET',
      path,
      {
        query: { projectKey },
        idempotent: true,
        once: signal !== undefined,
        signal
      },
      { what: 'the scan task', decode: decodeScanTask }
    )
  }

  /** #create-scan: creates a code scan from its definition; sent once, never retried. */
  createScan(
    definition: Record<string, unknown>,
    signal?: AbortSignal
  ): Promise<unknown> {
    return this.http.request<unknown>('POST', CODESCAN, {
      body: definition,
      idempotent: false,
      signal
    })
  }
}
