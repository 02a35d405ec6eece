// Tests of a project and their tasks, as the quality OpenAPI shows them
// (docs/zadigx-api.md#test-tasks). A task moves one step per read of its detail.
// The code scans are in scans.ts.
import { ScanStore, defaultScans } from './scans.js'

/** The totals a passed task reports (OpenAPITestReport). */
export interface SimTestTotals {
  test_total: number
  success_total: number
  failure_total: number
  error_total: number
  skiped_total: number
  time: number
}

/** A test module and how its tasks end. */
export interface SimTest {
  project: string
  name: string
  /** The status its tasks end with. */
  ends: 'passed' | 'failed'
  totals: SimTestTotals
  /** Detail reads a task stays running before it ends. */
  readsToEnd: number
}

/** One task of a test. */
export interface SimTestTask {
  test: SimTest
  id: number
  status: string
  creator: string
  createTime: number
  startTime: number
  endTime: number
  reads: number
}

/** `unit` passes with totals, `broken` fails, `leaky` passes with failed cases. */
export function defaultTests(): SimTest[] {
  const totals = (failed: number): SimTestTotals => ({
    test_total: 12,
    success_total: 10 - failed,
    failure_total: failed,
    error_total: 0,
    skiped_total: 2,
    time: 3.5
  })
  return [
    {
      project: 'demo',
      name: 'unit',
      ends: 'passed',
      totals: totals(0),
      readsToEnd: 2
    },
    {
      project: 'demo',
      name: 'broken',
      ends: 'failed',
      totals: totals(3),
      readsToEnd: 1
    },
    {
      project: 'demo',
      name: 'leaky',
      ends: 'passed',
      totals: totals(2),
      readsToEnd: 1
    }
  ]
}

/** The tests and every task started. */
export class QualityStore {
  readonly tasks: SimTestTask[] = []
  /** The code scans and their tasks. */
  readonly scans: ScanStore

  constructor(
    readonly tests: SimTest[],
    private readonly now: () => number
  ) {
    this.scans = new ScanStore(defaultScans(), now)
  }

  test(project: string, name: string): SimTest | undefined {
    return this.tests.find(t => t.project === project && t.name === name)
  }

  start(test: SimTest, creator: string): SimTestTask {
    const id = this.tasks.filter(t => t.test === test).length + 1
    const task: SimTestTask = {
      test,
      id,
      status: 'created',
      creator,
      createTime: Math.floor(this.now() / 1000),
      startTime: 0,
      endTime: 0,
      reads: 0
    }
    this.tasks.push(task)
    return task
  }

  /** The task after one more read: running, then its end. */
  read(name: string, id: number): SimTestTask | undefined {
    const task = this.tasks.find(t => t.test.name === name && t.id === id)
    if (!task) return undefined
    const seconds = Math.floor(this.now() / 1000)
    if (task.status === 'created') {
      task.status = 'running'
      task.startTime = seconds
    } else if (
      task.status === 'running' &&
      ++task.reads >= task.test.readsToEnd
    ) {
      task.status = task.test.ends
      task.endTime = seconds
    }
    return task
  }
}
