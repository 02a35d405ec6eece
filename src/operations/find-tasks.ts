// operation: find-tasks — the tasks of a custom workflow that built a commit. No
// ZadigX route answers this (the directory API's one is gone since v1.18), so the
// newest tasks are read one by one and their build repositories compared
// (docs/zadigx-api.md#find-by-commit).
import { untrusted } from '../log.js'
import { taskUrl } from '../zadig/links.js'
import type { TaskDetail } from '../zadig/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'
import { defineOperation, passes, type InputsOf } from './define.js'

/** One task that checked out the commit. */
export interface FoundTask {
  task_id: number
  status: string
  url: string
  create_time?: number
  start_time?: number
  end_time?: number
  /** The jobs whose repositories were at the commit. */
  jobs: string[]
}

// Task details are read a few at a time: enough to be quick, gentle on the server.
const AT_ONCE = 4

/**
 * operation: find-tasks — the newest `page-size` tasks of `workflow` whose jobs
 * checked out `commit`. `data`: `FoundTask[]`.
 */
export const findTasks = defineOperation({
  name: 'find-tasks',
  workflowTypes: ['custom'],
  needs: ['project', 'workflow', 'commit'],
  passes: passes.onSuccess,
  run: findByCommit
})

async function findByCommit(
  deps: OperationDeps<InputsOf<'project' | 'workflow' | 'commit', never>>,
  state: OperationState
): Promise<OperationOutcome> {
  const { inputs, client, log } = deps
  const commit = inputs.commit.toLowerCase()
  const page = await client.tasks.list(
    inputs.project,
    inputs.workflow,
    inputs.pageNum,
    inputs.pageSize
  )
  const ids = page.workflow_tasks.map(t => t.task_id)
  const found: FoundTask[] = []
  for (let i = 0; i < ids.length; i += AT_ONCE) {
    const batch = ids.slice(i, i + AT_ONCE)
    const tasks = await Promise.all(
      batch.map(id => client.tasks.get(inputs.workflow, id, deps.signal))
    )
    for (const task of tasks) {
      const jobs = jobsAtCommit(task, commit)
      if (jobs.length > 0) found.push(describe(task, jobs, inputs))
    }
  }
  state.data = found
  const range = ids.length
    ? ` (tasks #${Math.min(...ids)} to #${Math.max(...ids)})`
    : ''
  log.info(
    `${found.length} of the newest ${ids.length} tasks of ${inputs.workflow}${range} built commit ${commit}`
  )
  return { result: 'success' }
}

// A repository's `commit_id` is the full SHA the job checked out; the input may be
// a prefix of it. Jobs whose repositories carry no commit are not matched.
function jobsAtCommit(task: TaskDetail, commit: string): string[] {
  const jobs: string[] = []
  for (const stage of task.stages ?? []) {
    for (const job of stage.jobs ?? []) {
      const repos = (job.spec as { repos?: unknown } | undefined)?.repos
      if (!Array.isArray(repos)) continue
      const built = repos.some(repo => {
        const id = (repo as { commit_id?: unknown } | null)?.commit_id
        return typeof id === 'string' && id.toLowerCase().startsWith(commit)
      })
      if (built) jobs.push(untrusted(job.name))
    }
  }
  return jobs
}

function describe(
  task: TaskDetail,
  jobs: string[],
  inputs: { url: string; project: string; workflow: string }
): FoundTask {
  return {
    task_id: task.task_id,
    status: untrusted(task.status ?? ''),
    url: taskUrl(inputs.url, inputs.project, inputs.workflow, task.task_id),
    create_time: task.create_time,
    start_time: task.start_time,
    end_time: task.end_time,
    jobs
  }
}
