// Task data for the unit tests of reports, estimates and polling: briefs as the
// task list returns them, and the report of the task-detail-passed.json sample.
import type { StageReport, TaskReport } from '../../src/report.js'
import type { TaskBrief, TaskDetail } from '../../src/zadig/types.js'

/** The workflow of every task here: demo/build-deploy. */
const WORKFLOW = {
  workflow_key: 'build-deploy',
  workflow_name: 'Build & Deploy',
  project_key: 'demo'
}

/** A passed brief of demo/build-deploy task `id`, created and started at `start`. */
export function taskBrief(
  id: number,
  start: number,
  fields: Partial<TaskBrief> = {}
): TaskBrief {
  return {
    ...WORKFLOW,
    task_id: id,
    create_time: start,
    task_creator: 'admin',
    start_time: start,
    status: 'passed',
    ...fields
  }
}

/** The detail of demo/build-deploy task 11, running since `start`. */
export function runningTask(
  start: number,
  fields: Partial<TaskDetail> = {}
): TaskDetail {
  return {
    ...WORKFLOW,
    task_id: 11,
    status: 'running',
    start_time: start,
    ...fields
  }
}

/** The report of task-detail-passed.json (a trigger), but its URL and stages. */
export const PASSED_HEAD = {
  operation: 'trigger',
  projectKey: 'demo',
  workflowKey: 'build-deploy',
  workflowName: 'Build & Deploy',
  taskId: 58,
  status: 'passed',
  result: 'success',
  durationSeconds: 329
} satisfies Partial<TaskReport>

/** The report of the build stage of task-detail-passed.json. */
export const PASSED_BUILD: StageReport = {
  name: 'build',
  status: 'passed',
  durationSeconds: 178,
  jobs: [
    {
      name: 'svc-a-svc-a-build',
      type: 'zadig-build',
      status: 'passed',
      durationSeconds: 177
    }
  ]
}
