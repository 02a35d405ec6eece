// The operation table: one module per operation (`operation` input), per workflow type.
import type { ActionInputs } from '../inputs.js'
import { approveOperation, rejectOperation } from './approve.js'
import type { Operation } from './context.js'
import { findTasks } from './find-tasks.js'
import {
  productCancel,
  productGetTask,
  productListTasks,
  productRestart,
  productTrigger,
  productWait
} from './product.js'
import {
  cancelOperation,
  getTaskOperation,
  retryOperation,
  waitOperation
} from './task-ops.js'
import { trigger } from './trigger.js'
import {
  createViewOperation,
  createWorkflowOperation,
  deleteViewOperation,
  deleteWorkflowOperation,
  listTasksOperation,
  listViewsOperation,
  listWorkflowsOperation,
  updateViewOperation,
  updateWorkflowOperation
} from './workflows.js'

const CUSTOM: Partial<Record<ActionInputs['operation'], Operation>> = {
  trigger,
  wait: waitOperation,
  'get-task': getTaskOperation,
  approve: approveOperation,
  reject: rejectOperation,
  cancel: cancelOperation,
  retry: retryOperation,
  'list-workflows': listWorkflowsOperation,
  'list-tasks': listTasksOperation,
  'create-workflow': createWorkflowOperation,
  'update-workflow': updateWorkflowOperation,
  'delete-workflow': deleteWorkflowOperation,
  'list-views': listViewsOperation,
  'create-view': createViewOperation,
  'update-view': updateViewOperation,
  'delete-view': deleteViewOperation,
  'find-tasks': findTasks
}

const PRODUCT: Partial<Record<ActionInputs['operation'], Operation>> = {
  trigger: productTrigger,
  wait: productWait,
  'get-task': productGetTask,
  'list-tasks': productListTasks,
  cancel: productCancel,
  restart: productRestart,
  'delete-workflow': deleteWorkflowOperation
}

/** The operation to run for these inputs (inputs.ts has already checked the pair is valid). */
export function selectOperation(inputs: ActionInputs): Operation {
  const table = inputs.workflowType === 'product' ? PRODUCT : CUSTOM
  const operation = table[inputs.operation]
  if (!operation)
    throw new Error(
      `operation: "${inputs.operation}" is not available for ${inputs.workflowType} workflows`
    )
  return operation
}
