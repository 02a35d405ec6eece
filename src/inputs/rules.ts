// Which operation needs, uses or ignores which input (docs/zadigx-api.md says
// what each ZadigX call needs).

/** Every operation the action can run. */
export const OPERATIONS = [
  'trigger',
  'wait',
  'get-task',
  'approve',
  'reject',
  'cancel',
  'retry',
  'list-workflows',
  'list-tasks',
  'create-workflow',
  'update-workflow',
  'delete-workflow',
  'list-views',
  'create-view',
  'update-view',
  'delete-view',
  'restart',
  'find-tasks'
] as const

/** An operation name. */
export type Operation = (typeof OPERATIONS)[number]

/** The kind of workflow the operation acts on. */
export type WorkflowType = 'custom' | 'product'

/** What the legacy product-workflow API offers (docs/zadigx-api.md#product-workflows). */
export const PRODUCT_OPERATIONS: readonly Operation[] = [
  'trigger',
  'wait',
  'get-task',
  'list-tasks',
  'cancel',
  'restart',
  'delete-workflow'
]

/** Inputs without an action.yml default whose use depends on the operation. */
export const OPERATION_INPUTS = [
  'workflow',
  'inputs',
  'parameters',
  'task-id',
  'approval',
  'comment',
  'view',
  'view-workflows',
  'commit',
  'definition'
] as const

/** Name of an input listed in `OPERATION_INPUTS`, or `project`. */
export type OperationInput = (typeof OPERATION_INPUTS)[number] | 'project'

const TASK_OPERATIONS: Operation[] = [
  'wait',
  'get-task',
  'approve',
  'reject',
  'cancel',
  'retry',
  'restart'
]

// Custom workflows are looked up by key alone (workflow keys are globally
// unique), so these work from workflow + task-id; the project only feeds links.
const PROJECT_OPTIONAL_CUSTOM: Operation[] = [
  'get-task',
  'wait',
  'approve',
  'reject',
  'cancel',
  'retry'
]

const REQUIRED: Record<(typeof OPERATION_INPUTS)[number], Operation[]> = {
  workflow: [
    ...TASK_OPERATIONS,
    'trigger',
    'list-tasks',
    'update-workflow',
    'delete-workflow',
    'find-tasks'
  ],
  inputs: [],
  parameters: [],
  'task-id': TASK_OPERATIONS,
  approval: [],
  comment: [],
  view: ['create-view', 'update-view', 'delete-view'],
  'view-workflows': ['create-view', 'update-view'],
  commit: ['find-tasks'],
  definition: ['create-workflow', 'update-workflow']
}

// Optional uses on top of REQUIRED: a filter, a cross-check or a target.
const OPTIONAL: Record<(typeof OPERATION_INPUTS)[number], Operation[]> = {
  workflow: ['create-workflow'],
  inputs: ['trigger'],
  parameters: ['trigger'],
  'task-id': [],
  approval: ['approve', 'reject'],
  comment: ['approve', 'reject'],
  view: ['list-workflows', 'create-workflow'],
  'view-workflows': [],
  commit: [],
  definition: []
}

/** The operation actually run: each workflow type has its own retry name. */
export function canonicalOperation(
  operation: Operation,
  type: WorkflowType
): Operation {
  if (type === 'product' && operation === 'retry') return 'restart'
  if (type === 'custom' && operation === 'restart') return 'retry'
  return operation
}

/** True when `operation` exists for workflows of `type`. */
export function supports(type: WorkflowType, operation: Operation): boolean {
  return type === 'custom' || PRODUCT_OPERATIONS.includes(operation)
}

/** True when the operation cannot run without the input. */
export function isRequired(
  input: OperationInput,
  operation: Operation,
  type: WorkflowType
): boolean {
  if (input === 'project') {
    return type === 'product' || !PROJECT_OPTIONAL_CUSTOM.includes(operation)
  }
  return REQUIRED[input].includes(operation)
}

/** True when the operation reads the input at all. */
export function isUsed(
  input: OperationInput,
  operation: Operation,
  type: WorkflowType
): boolean {
  if (input === 'project') return true
  // Workflow-level parameters exist for custom workflows only (Zadig v3.1+).
  if (input === 'parameters' && type === 'product') return false
  return (
    REQUIRED[input].includes(operation) || OPTIONAL[input].includes(operation)
  )
}
