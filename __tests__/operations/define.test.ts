// The operations' declarations are the one home of what each operation is: the
// input rules and action.yml's prose must say what they declare, and a
// declaration runs only on the inputs it needs and passes the step by its rule.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import type { ActionInputs } from '../../src/inputs.js'
import {
  OPERATION_INPUTS,
  OPERATIONS,
  isRequired,
  isUsed,
  operationsOf
} from '../../src/inputs/rules.js'
import type { OperationDeps } from '../../src/operations/context.js'
import { defineOperation, passes } from '../../src/operations/define.js'
import { OPERATION_LIST, findOperation } from '../../src/operations/index.js'
import type { ActionResult } from '../../src/zadig/status.js'

const action = parse(
  readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
) as { inputs: Record<string, { description: string }> }

const TYPES = ['custom', 'product'] as const

/** The operation names a piece of prose mentions, in order. */
function mentioned(text: string): string[] {
  return (text.match(/[a-z]+(?:-[a-z]+)*/g) ?? []).filter(word =>
    OPERATIONS.includes(word)
  )
}

/** The operations named after `lead` up to the end of its sentence or clause. */
function listAfter(text: string, lead: RegExp, end = /[.;]/): string[] {
  const at = lead.exec(text)
  if (!at) return []
  const rest = text.slice(at.index + at[0].length)
  return mentioned(rest.slice(0, rest.search(end)))
}

/** Operations (any workflow type) for which `test` holds. */
function operationsWhere(
  test: (operation: string, type: 'custom' | 'product') => boolean
): string[] {
  return [
    ...new Set(
      TYPES.flatMap(type => operationsOf(type).filter(op => test(op, type)))
    )
  ].sort()
}

describe('the list of operations', () => {
  it('declares each operation once per workflow type', () => {
    const pairs = OPERATION_LIST.flatMap(o =>
      o.workflowTypes.map(type => `${type} ${o.name}`)
    )
    expect(new Set(pairs).size).toBe(pairs.length)
  })

  it('resolves aliases to the workflow type’s own name', () => {
    expect(findOperation('restart', 'custom')?.name).toBe('retry')
    expect(findOperation('retry', 'product')?.name).toBe('restart')
    expect(findOperation('approve', 'product')).toBeUndefined()
  })

  it('needs only inputs it reads, and reads nothing twice', () => {
    for (const o of OPERATION_LIST) {
      const fields = [...o.needs, ...o.reads]
      expect([o.name, new Set(fields).size]).toEqual([o.name, fields.length])
    }
  })
})

describe('action.yml says what the declarations say', () => {
  const describes = (name: string): string =>
    action.inputs[name]?.description ?? ''

  it('lists every operation, and those of product workflows', () => {
    const text = describes('operation')
    expect(listAfter(text, /What to do:/)).toEqual([...OPERATIONS])
    const product = text.slice(text.indexOf('Product workflows support'))
    expect([...new Set(mentioned(product))].sort()).toEqual(
      [...operationsOf('product'), 'retry'].sort()
    )
    expect(product).toContain('retry is accepted as an alias')
  })

  it.each(OPERATION_INPUTS)(
    '%s: "Required for …" names the operations that need it',
    input => {
      const required = operationsWhere((op, type) =>
        isRequired(input, op, type)
      )
      const listed = listAfter(describes(input), /required for/i)
      expect([...new Set(listed)].sort()).toEqual(required)
    }
  )

  it.each(OPERATION_INPUTS)('%s: names only operations that use it', input => {
    const users = operationsWhere((op, type) => isUsed(input, op, type))
    for (const op of mentioned(describes(input)))
      expect([input, op, users.includes(op)]).toEqual([input, op, true])
  })

  it('project: "Required except for …" names the custom operations that do without it', () => {
    const listed = listAfter(
      describes('project'),
      /Required except for/,
      /\bon custom workflows/
    )
    const optional = operationsOf('custom').filter(
      op => !isRequired('project', op, 'custom')
    )
    expect(listed.sort()).toEqual(optional.sort())
    for (const op of operationsOf('product'))
      expect([op, isRequired('project', op, 'product')]).toEqual([op, true])
  })
})

describe('a declaration', () => {
  const inputs = {
    operation: 'probe',
    workflowType: 'custom',
    project: '',
    workflow: 'w',
    wait: true,
    onApproval: 'wait'
  } as ActionInputs
  const deps = { inputs } as OperationDeps
  const probe = defineOperation({
    name: 'probe',
    workflowTypes: ['custom'],
    needs: ['project', 'workflow', 'taskId'],
    passes: passes.onSuccess,
    run: async d => {
      // @ts-expect-error an input the declaration does not name is not there
      expect(d.inputs.view).toBeUndefined()
      // A needed task-id is a number, not number | undefined.
      return {
        result: 'success',
        message: `${d.inputs.project} ${d.inputs.taskId + 1}`
      }
    }
  })

  it('refuses to run without the inputs it needs, naming them', async () => {
    await expect(
      probe.run(deps, { projectKey: '', workflowKey: '' })
    ).rejects.toThrow('operation "probe" needs project, task-id, got nothing')
  })

  it('runs with them, typed as declared', async () => {
    const given = { ...deps, inputs: { ...inputs, project: 'p', taskId: 41 } }
    expect(await probe.run(given, { projectKey: '', workflowKey: '' })).toEqual(
      { result: 'success', message: 'p 42' }
    )
  })
})

describe('pass rules', () => {
  const judged = (
    rule: (typeof passes)[keyof typeof passes],
    step: Partial<ActionInputs>
  ): ActionResult[] =>
    (
      [
        'success',
        'failure',
        'cancelled',
        'timeout',
        'rejected',
        'skipped',
        'waiting-approval',
        'running'
      ] as ActionResult[]
    ).filter(result =>
      rule({ result }, {
        wait: true,
        onApproval: 'wait',
        ...step
      } as ActionInputs)
    )

  it('lets a followed task pass on success, skipped, or waiting-approval with on-approval: exit', () => {
    expect(judged(passes.whenFollowed, {})).toEqual(['success', 'skipped'])
    expect(judged(passes.whenFollowed, { onApproval: 'exit' })).toEqual([
      'success',
      'skipped',
      'waiting-approval'
    ])
    expect(judged(passes.whenFollowed, { wait: false })).toEqual([
      'success',
      'skipped'
    ])
  })

  it('lets a started task pass while running only with wait: false', () => {
    expect(judged(passes.whenStartedOrFollowed, {})).toEqual([
      'success',
      'skipped'
    ])
    expect(judged(passes.whenStartedOrFollowed, { wait: false })).toEqual([
      'success',
      'skipped',
      'running'
    ])
  })

  it('lets reject pass on rejected or success, list operations on success, reads on anything', () => {
    expect(judged(passes.whenRejected, { onApproval: 'exit' })).toEqual([
      'success',
      'rejected'
    ])
    expect(judged(passes.onSuccess, { wait: false })).toEqual(['success'])
    expect(judged(passes.onAnyResult, {})).toHaveLength(8)
  })
})
