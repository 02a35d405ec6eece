// The quality OpenAPI's test routes (docs/zadigx-api.md#test-tasks), mounted at
// /openapi/quality in every profile. Up to v2.1 a test task is a pipeline task
// `<test>-job`; from v2.2.0 a workflow task of `zadig-testing-<test>` (only the
// not-found text shows it).
import { invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route } from './http.js'
import type { Profile } from './profiles.js'
import type { QualityStore, SimTestTask } from './quality.js'
import { ok } from './response.js'
import { scanRoutes } from './routes-scans.js'

type Handler = Route['handler']

const TESTING = '/openapi/quality/testing'

/**
 * The test-task routes, then the scan-task routes; `onScanRead` runs before a scan
 * task is read (the simulator's advancePerTaskPollMs).
 */
export function qualityRoutes(
  profile: Profile,
  store: QualityStore,
  onScanRead: () => void = () => {}
): Route[] {
  return [
    ...scanRoutes(profile, store.scans, onScanRead),
    { method: 'POST', pattern: `${TESTING}/task`, handler: startTest(store) },
    {
      method: 'GET',
      pattern: `${TESTING}/:testName/task/:taskID`,
      handler: readTest(profile, store)
    }
  ]
}

// OpenAPICreateTestTask: json.Unmarshal of the body, then Validate, then the test.
function startTest(store: QualityStore): Handler {
  return req => {
    const body = (req.body ?? {}) as Record<string, unknown>
    if (typeof body !== 'object' || Array.isArray(body))
      return invalidParam('json: cannot unmarshal into Go value')
    const project = typeof body.project_key === 'string' ? body.project_key : ''
    const name = typeof body.test_name === 'string' ? body.test_name : ''
    if (!project) return invalidParam('project key cannot be empty')
    if (!name) return invalidParam('test name cannot be empty')
    const test = store.test(project, name)
    if (!test) return plainError(`find test[${name}] error: ${NO_DOCUMENTS}`)
    return ok({ task_id: store.start(test, req.user?.name ?? '').id })
  }
}

function readTest(profile: Profile, store: QualityStore): Handler {
  return (req, params) => {
    const name = params.testName ?? ''
    const raw = params.taskID ?? ''
    const id = /^-?\d+$/.test(raw) ? Number(raw) : NaN
    if (Number.isNaN(id)) return invalidParam('invalid param taskID')
    const project = req.query.projectKey ?? ''
    if (id === 0 || !project || !name) return invalidParam('invalid params')
    const task = store.read(name, id)
    if (!task)
      return profile.testTasks === 'pipeline'
        ? plainError(
            `failed to get pipeline task from db, taskID:${id}, pipelineName:${name}-job, err: ${NO_DOCUMENTS}`
          )
        : plainError(NO_DOCUMENTS)
    return ok(detailOf(task))
  }
}

// OpenAPITestTaskDetail: the report only once the task passed.
function detailOf(task: SimTestTask): Record<string, unknown> {
  return {
    test_name: task.test.name,
    task_id: task.id,
    creator: task.creator,
    create_time: task.createTime,
    start_time: task.startTime,
    end_time: task.endTime,
    status: task.status,
    test_report:
      task.status === 'passed'
        ? {
            ...task.test.totals,
            test_cases: [
              { name: 'case-1', time: 0.1, failure: null, error: null }
            ]
          }
        : null
  }
}
