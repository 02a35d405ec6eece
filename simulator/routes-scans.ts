// The quality OpenAPI's code-scan task routes (docs/zadigx-api.md#scan-tasks), the
// same in every profile: the start keeps a requested repository only when it matches
// the scan's first one (the server's loop breaks after one comparison), and reads
// `scan_kvs` from v2.2.0.
import { invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route } from './http.js'
import type { Profile } from './profiles.js'
import type { ScanStore, SimScanRepo, SimScanTask } from './scans.js'
import { ok } from './response.js'
import { scanCreateRoute } from './routes-scan-create.js'

type Handler = Route['handler']

const CODESCAN = '/openapi/quality/codescan'

/** The scan-task routes. */
export function scanRoutes(
  profile: Profile,
  store: ScanStore,
  onRead: () => void
): Route[] {
  return [
    scanCreateRoute(profile, store),
    {
      method: 'POST',
      pattern: `${CODESCAN}/:scanName/task`,
      handler: startScan(profile, store)
    },
    {
      method: 'GET',
      pattern: `${CODESCAN}/:scanName/task/:taskID`,
      handler: readScan(store, onRead)
    }
  ]
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : ''

function requested(value: unknown): SimScanRepo[] {
  if (!Array.isArray(value)) return []
  return value.map(item => {
    const r = (item ?? {}) as Record<string, unknown>
    return {
      source: text(r.source),
      repo_owner: text(r.repo_owner),
      repo_name: text(r.repo_name),
      branch: text(r.branch),
      ...(Array.isArray(r.prs) ? { prs: r.prs as number[] } : {})
    }
  })
}

// OpenAPICreateScanningTask: bind, then Validate, then the scan, then the repo match.
function startScan(profile: Profile, store: ScanStore): Handler {
  return (req, params) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const project = req.query.projectKey ?? ''
    const name = params.scanName ?? ''
    const repos = requested(body.scan_repos)
    if (!project) return invalidParam('project key cannot be empty')
    if (!name) return invalidParam('scan name cannot be empty')
    if (repos.some(r => !r.branch))
      return invalidParam('branch cannot be empty')
    const scan = store.scan(project, name)
    if (!scan) return plainError(NO_DOCUMENTS)
    // The server compares each requested repository with the scan's first one only.
    const first = scan.repos[0]
    const kept = repos.filter(
      r =>
        first !== undefined &&
        r.repo_name === first.repo_name &&
        r.repo_owner === first.repo_owner &&
        r.source === first.source
    )
    const kvs =
      profile.testTasks === 'workflow' && Array.isArray(body.scan_kvs)
        ? (body.scan_kvs as SimScanTask['kvs'])
        : []
    const task = store.start(scan, req.user?.name ?? '', kept, kvs)
    return ok({ task_id: task.id })
  }
}

function readScan(store: ScanStore, onRead: () => void): Handler {
  return (req, params) => {
    onRead()
    const name = params.scanName ?? ''
    const raw = params.taskID ?? ''
    const id = /^-?\d+$/.test(raw) ? Number(raw) : NaN
    if (Number.isNaN(id)) return invalidParam('invalid param taskID')
    const project = req.query.projectKey ?? ''
    if (id === 0 || !project || !name) return invalidParam('invalid params')
    const scan = store.scan(project, name)
    if (!scan) return plainError(NO_DOCUMENTS)
    const task = store.read(scan, id)
    if (!task) return plainError(NO_DOCUMENTS)
    return ok(detailOf(task))
  }
}

// OpenAPIScanTaskDetail: the sonar project page for sonarQube scans only.
function detailOf(task: SimScanTask): Record<string, unknown> {
  return {
    scan_name: task.scan.name,
    creator: task.creator,
    task_id: task.id,
    status: task.status,
    create_time: task.createTime,
    end_time: task.endTime,
    result_link:
      task.scan.scanner === 'sonarQube'
        ? `https://sonar.example.com/dashboard?id=${task.scan.project}-${task.scan.name}`
        : '',
    repo_info: task.repos.map(r => ({
      repo_owner: r.repo_owner,
      source: r.source,
      address: `https://github.com/`,
      branch: r.branch,
      remote_name: 'origin',
      repo_name: r.repo_name,
      hidden: false,
      checkout_path: '',
      submodules: false
    }))
  }
}
