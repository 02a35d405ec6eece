import {
  decodeProductTaskDetail,
  decodeProductTaskList,
  decodeTaskDetail,
  decodeTaskList,
  decodeTriggerResponse,
  wrongTask
} from '../../src/zadig/decode-task.js'
import { fixture } from '../helpers/fixtures.js'

const DETAILS = [
  'cancelled',
  'failed',
  'passed-head',
  'passed',
  'rejected',
  'running',
  'timeout',
  'waiting-approval-head',
  'waiting-approval',
  'waiting'
]

describe('decodeTaskDetail', () => {
  it.each(DETAILS)('reads the recorded %s task as it came', name => {
    const sample = fixture(`task-detail-${name}.json`)
    expect(decodeTaskDetail(sample)).toEqual(sample)
  })
})

const running = () => fixture('task-detail-running.json')
const refusal = (read: () => unknown): string => {
  try {
    read()
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('not refused')
}

describe('decodeTaskDetail refuses a wrong type or shape, naming the field', () => {
  it.each([
    [{ status: 5 }, 'with `status` as the number 5, expected a status word'],
    [{ stages: {} }, 'with `stages` as an object, expected a list'],
    [{ task_id: '11' }, 'with `task_id` as the text "11", expected a positive'],
    [{ task_id: 1.5 }, 'with `task_id` as the number 1.5'],
    [{ task_id: 2 ** 53 }, 'with `task_id` as the number 9007199254740992'],
    [
      { workflow_name: ['x'] },
      'with `workflow_name` as a list, expected a text'
    ],
    [{ create_time: '2024' }, 'with `create_time` as the text "2024"'],
    [
      { is_restart: 'yes' },
      'with `is_restart` as the text "yes", expected true'
    ],
    [{ params: [{ name: 'A', value: {} }] }, '`params[0].value` as an object']
  ])('%j', (change, said) => {
    expect(
      refusal(() => decodeTaskDetail({ ...running(), ...change }))
    ).toContain(said)
  })

  it('in stages and jobs, with the path of the element', () => {
    const task = running() as { stages: Record<string, unknown>[] }
    task.stages[0]!.jobs = 'abc'
    expect(refusal(() => decodeTaskDetail(task))).toBe(
      'with `stages[0].jobs` as the text "abc", expected a list'
    )
    const other = running() as { stages: { jobs: Record<string, unknown>[] }[] }
    other.stages[0]!.jobs[0]!.status = 'running\n::warning::x'
    expect(refusal(() => decodeTaskDetail(other))).toBe(
      'with `stages[0].jobs[0].status` as the text "running\\n::warning::x", expected a status word (letters, `_` or `-`)'
    )
  })

  it('in the approval blocks the gates are read from', () => {
    const task = fixture('task-detail-waiting-approval-head.json') as {
      stages: { jobs: { type: string; spec: Record<string, unknown> }[] }[]
    }
    const gate = task.stages
      .flatMap(s => s.jobs)
      .find(j => j.type === 'approval')!
    gate.spec.native_approval = { approve_users: 'alice' }
    expect(refusal(() => decodeTaskDetail(task))).toMatch(
      /`stages\[\d+\]\.jobs\[\d+\]\.spec\.native_approval\.approve_users` as the text "alice", expected a list/
    )
  })

  it('refuses a body that is not an object at all', () => {
    expect(refusal(() => decodeTaskDetail(undefined))).toBe(
      'with nothing, expected an object'
    )
    expect(refusal(() => decodeTaskDetail([]))).toBe(
      'with a list, expected an object'
    )
  })

  it('clips a long preview of what came, on one line', () => {
    const said = refusal(() =>
      decodeTaskDetail({ ...running(), status: 'x'.repeat(5000) })
    )
    expect(said.length).toBeLessThan(200)
    expect(said).toContain('…"')
  })
})

describe('decodeTaskDetail keeps what is right', () => {
  it('keeps unknown fields, a known but other-generation status word and nulls', () => {
    const task = {
      ...running(),
      status: 'notRun',
      reverted: true,
      stages: null
    }
    expect(decodeTaskDetail(task)).toEqual(task)
  })

  it('clips names and error text to sensible lengths', () => {
    const task = running() as { stages: Record<string, unknown>[] }
    task.stages[0]!.name = 'n'.repeat(100_000)
    const decoded = decodeTaskDetail({ ...task, error: 'e'.repeat(100_000) })
    expect(decoded.stages?.[0]?.name).toHaveLength(257)
    expect(decoded.error).toHaveLength(4001)
  })

  it('reads a numeric parameter value as its text', () => {
    const task = {
      ...running(),
      params: [{ name: 'N', type: 'string', value: 3 }]
    }
    expect(decodeTaskDetail(task).params?.[0]?.value).toBe('3')
  })
})

describe('task lists', () => {
  it('reads the recorded list, and an empty answer as an empty page', () => {
    const list = fixture('list-tasks.json')
    expect(decodeTaskList(list)).toEqual(list)
    expect(decodeTaskList(undefined)).toEqual({ total: 0, workflow_tasks: [] })
    expect(decodeTaskList({ total: 0, workflow_tasks: null })).toEqual({
      total: 0,
      workflow_tasks: []
    })
  })

  it('refuses rows of the wrong shape', () => {
    expect(
      refusal(() => decodeTaskList({ workflow_tasks: [{ task_id: 'x' }] }))
    ).toBe(
      'with `workflow_tasks[0].task_id` as the text "x", expected a positive whole number'
    )
    expect(refusal(() => decodeTaskList({ total: '3' }))).toContain(
      '`total` as the text "3"'
    )
  })

  it('reads the product list (a bare array) and refuses an object', () => {
    const list = fixture<unknown[]>('product-task-list.json')
    expect(decodeProductTaskList(list)).toEqual(list)
    expect(refusal(() => decodeProductTaskList({}))).toBe(
      'with an object, expected a list'
    )
  })

  it('reads a product task detail', () => {
    const task = fixture('product-task-detail.json')
    expect(decodeProductTaskDetail(task)).toEqual(task)
    expect(
      refusal(() => decodeProductTaskDetail({ ...task, status: true }))
    ).toContain('`status` as the value true')
  })
})

describe('the trigger answer', () => {
  it('reads the recorded answer and refuses a task id that is not one', () => {
    const answer = fixture('trigger-response.json')
    expect(decodeTriggerResponse(answer)).toEqual(answer)
    expect(refusal(() => decodeTriggerResponse({}))).toBe(
      'with `task_id` as nothing, expected a positive whole number'
    )
    expect(refusal(() => decodeTriggerResponse(undefined))).toBe(
      'with nothing, expected an object'
    )
  })
})

describe('wrongTask', () => {
  const asked = { workflowKey: 'build-deploy', taskId: 11 }
  it('says nothing for the task asked for', () => {
    expect(
      wrongTask(asked, { task_id: 11, workflow_key: 'build-deploy' })
    ).toBe(undefined)
    expect(wrongTask(asked, { task_id: 11 })).toBe(undefined)
  })

  it('names the task that answered instead', () => {
    expect(
      wrongTask(asked, { task_id: 10, workflow_key: 'build-deploy' })
    ).toBe('asked for task 11 of build-deploy, ZadigX answered task 10')
    expect(wrongTask(asked, { task_id: 11, workflow_key: 'other' })).toBe(
      'asked for task 11 of build-deploy, ZadigX answered a task of "other"'
    )
  })
})
