// Code scans of a project and their tasks, as the quality OpenAPI shows them
// (docs/zadigx-api.md#scan-tasks). A task runs on the virtual clock: running from
// its first read, ended once `seconds` have passed since its start.

/** A repository of a scan, or of a scan task (ScanningRepoInfo / OpenAPIScanRepoBrief). */
export interface SimScanRepo {
  source: string
  repo_owner: string
  repo_name: string
  branch: string
  prs?: number[]
}

/** A code scan and how its tasks end. */
export interface SimScan {
  project: string
  name: string
  scanner: 'sonarQube' | 'other'
  /** The scan's own repositories; only the first can be chosen by the OpenAPI. */
  repos: SimScanRepo[]
  /** Whether the quality gate is checked, and whether it passes. */
  qualityGate: 'off' | 'pass' | 'fail'
  /** Virtual seconds a task runs. */
  seconds: number
}

/** One task of a scan. */
export interface SimScanTask {
  scan: SimScan
  id: number
  status: string
  creator: string
  createTime: number
  startedAt: number
  endTime: number
  repos: SimScanRepo[]
  kvs: { key: string; value: string }[]
}

const repo = (name: string): SimScanRepo => ({
  source: 'github',
  repo_owner: 'koderover',
  repo_name: name,
  branch: 'main'
})

/** `sonar` passes its gate, `gated` fails it, `lint` (no scanner link) passes. */
export function defaultScans(): SimScan[] {
  const base = { project: 'demo', seconds: 20 }
  return [
    {
      ...base,
      name: 'sonar',
      scanner: 'sonarQube',
      repos: [repo('demo-api'), repo('demo-web')],
      qualityGate: 'pass'
    },
    {
      ...base,
      name: 'gated',
      scanner: 'sonarQube',
      repos: [repo('demo-api')],
      qualityGate: 'fail'
    },
    {
      ...base,
      name: 'lint',
      scanner: 'other',
      repos: [repo('demo-web')],
      qualityGate: 'off'
    }
  ]
}

/** The scans, every task started, and every scan created. */
export class ScanStore {
  readonly tasks: SimScanTask[] = []

  constructor(
    readonly scans: SimScan[],
    private readonly now: () => number
  ) {}

  scan(project: string, name: string): SimScan | undefined {
    return this.scans.find(s => s.project === project && s.name === name)
  }

  start(
    scan: SimScan,
    creator: string,
    repos: SimScanRepo[],
    kvs: SimScanTask['kvs']
  ): SimScanTask {
    const id = this.tasks.filter(t => t.scan === scan).length + 1
    const task: SimScanTask = {
      scan,
      id,
      status: 'created',
      creator,
      createTime: Math.floor(this.now() / 1000),
      startedAt: 0,
      endTime: 0,
      repos,
      kvs
    }
    this.tasks.push(task)
    return task
  }

  /** The task as it is now: running from its first read, then its end. */
  read(scan: SimScan, id: number): SimScanTask | undefined {
    const task = this.tasks.find(t => t.scan === scan && t.id === id)
    if (!task) return undefined
    const now = this.now()
    if (task.status === 'created') {
      task.status = 'running'
      task.startedAt = now
    } else if (
      task.status === 'running' &&
      now - task.startedAt >= task.scan.seconds * 1000
    ) {
      task.status = task.scan.qualityGate === 'fail' ? 'failed' : 'passed'
      task.endTime = Math.floor(now / 1000)
    }
    return task
  }
}
