// The operations: one list of declarations (define.ts). The input rules
// (src/inputs/rules.ts) and the dispatch below are read from it; adding an
// operation is a module that declares it and one line here.
import type { ActionInputs } from '../inputs/types.js'
import { approveOperation, rejectOperation } from './approve.js'
import { applyEnvConfigOperation } from './apply-env-config.js'
import { cancelOperation, productCancelOperation } from './cancel.js'
import { createRelease } from './create-release.js'
import { createViewOperation } from './create-view.js'
import { createEnvOperation } from './create-env.js'
import { createServiceOperation } from './create-service.js'
import { createProjectOperation } from './create-project.js'
import { createBuildOperation } from './create-build.js'
import { previewEnvOperation } from './preview-env.js'
import { createWorkflowOperation } from './create-workflow.js'
import type { OperationDeclaration, WorkflowType } from './define.js'
import { deleteEnvOperation } from './delete-env.js'
import { deleteServiceOperation } from './delete-service.js'
import { deployImageOperation } from './deploy-image.js'
import { getEnvOperation } from './get-env.js'
import { getServiceOperation } from './get-service.js'
import { listEnvsOperation } from './list-envs.js'
import { listServicesOperation } from './list-services.js'
import { restartServiceOperation } from './restart-service.js'
import { scaleServiceOperation } from './scale-service.js'
import { updateEnvServicesOperation } from './update-env-services.js'
import { updateEnvVariablesOperation } from './update-env-variables.js'
import { updateServiceOperation } from './update-service.js'
import { waitEnvOperation } from './wait-env.js'
import { deleteViewOperation } from './delete-view.js'
import {
  deleteProductWorkflowOperation,
  deleteWorkflowOperation
} from './delete-workflow.js'
import { findTasks } from './find-tasks.js'
import { getArtifact } from './get-artifact.js'
import { getRelease } from './get-release.js'
import { runTest } from './run-test.js'
import { runScan } from './run-scan.js'
import { createScanOperation } from './create-scan.js'
import { getTaskOperation, productGetTaskOperation } from './get-task.js'
import { listRegistries } from './list-registries.js'
import { createRegistryOperation } from './create-registry.js'
import { listReleases } from './list-releases.js'
import { getStats } from './get-stats.js'
import { listTasksOperation, productListTasksOperation } from './list-tasks.js'
import { listViewsOperation } from './list-views.js'
import { listWorkflowsOperation } from './list-workflows.js'
import { productTriggerOperation } from './product-trigger.js'
import { productRestartOperation, retryOperation } from './retry.js'
import { trigger } from './trigger.js'
import { updateViewOperation } from './update-view.js'
import { updateWorkflowOperation } from './update-workflow.js'
import { productWaitOperation, waitOperation } from './wait.js'

/**
 * Every operation. The order is the order in which error messages name them:
 * all names by first appearance, and the product ones by theirs.
 */
export const OPERATION_LIST: readonly OperationDeclaration[] = [
  trigger,
  productTriggerOperation,
  waitOperation,
  productWaitOperation,
  getTaskOperation,
  productGetTaskOperation,
  approveOperation,
  rejectOperation,
  cancelOperation,
  retryOperation,
  listWorkflowsOperation,
  listTasksOperation,
  productListTasksOperation,
  productCancelOperation,
  createWorkflowOperation,
  updateWorkflowOperation,
  deleteWorkflowOperation,
  listViewsOperation,
  createViewOperation,
  updateViewOperation,
  deleteViewOperation,
  productRestartOperation,
  deleteProductWorkflowOperation,
  findTasks,
  listRegistries,
  createRegistryOperation,
  listEnvsOperation,
  getEnvOperation,
  deployImageOperation,
  waitEnvOperation,
  restartServiceOperation,
  scaleServiceOperation,
  updateEnvServicesOperation,
  deleteEnvOperation,
  updateEnvVariablesOperation,
  applyEnvConfigOperation,
  listServicesOperation,
  getServiceOperation,
  createEnvOperation,
  previewEnvOperation,
  deleteServiceOperation,
  createServiceOperation,
  updateServiceOperation,
  listReleases,
  createRelease,
  getRelease,
  runTest,
  runScan,
  createScanOperation,
  getArtifact,
  getStats,
  createProjectOperation,
  createBuildOperation
]

/** The declaration `operation` (a name or an alias) runs on workflows of `type`. */
export function findOperation(
  operation: string,
  type: WorkflowType
): OperationDeclaration | undefined {
  const served = OPERATION_LIST.filter(o => o.workflowTypes.includes(type))
  return (
    served.find(o => o.name === operation) ??
    served.find(o => o.aliases.includes(operation))
  )
}

/** The operation to run for these inputs (inputs.ts has already checked the pair is valid). */
export function selectOperation(inputs: ActionInputs): OperationDeclaration {
  const operation = findOperation(inputs.operation, inputs.workflowType)
  if (!operation)
    throw new Error(
      `operation: "${inputs.operation}" is not available for ${inputs.workflowType} workflows`
    )
  return operation
}
