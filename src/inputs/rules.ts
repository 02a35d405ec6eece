// Which operation needs, uses or ignores which input, read from the operations'
// declarations (src/operations/index.ts; docs/zadigx-api.md says what each
// ZadigX call needs).
import {
  INPUT_OF,
  type OperationDeclaration,
  type OperationField,
  type OperationInput,
  type WorkflowType
} from '../operations/define.js'
import { OPERATION_LIST, findOperation } from '../operations/index.js'

export type { OperationInput, WorkflowType } from '../operations/define.js'

/** Every value the `operation` input accepts: the names, then aliases that are not names. */
export const OPERATIONS: readonly string[] = unique([
  ...OPERATION_LIST.map(o => o.name),
  ...OPERATION_LIST.flatMap(o => o.aliases)
])

/** The operations of workflows of `type`, by their own names, in list order. */
export function operationsOf(type: WorkflowType): string[] {
  return unique(servedBy(type).map(o => o.name))
}

/** "retry is accepted as restart": the aliases of `type`'s operations, in words. */
export function aliasNotes(type: WorkflowType): string[] {
  return servedBy(type).flatMap(o =>
    o.aliases.map(alias => `${alias} is accepted as ${o.name}`)
  )
}

function servedBy(type: WorkflowType): OperationDeclaration[] {
  return OPERATION_LIST.filter(o => o.workflowTypes.includes(type))
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

/** Inputs without an action.yml default whose use depends on the operation. */
export const OPERATION_INPUTS = unique(
  Object.values(INPUT_OF).filter(input => input !== 'project')
) as Exclude<OperationInput, 'project'>[]

/** The operation actually run: each workflow type has its own retry name. */
export function canonicalOperation(
  operation: string,
  type: WorkflowType
): string {
  return findOperation(operation, type)?.name ?? operation
}

/** True when `operation` exists for workflows of `type`. */
export function supports(type: WorkflowType, operation: string): boolean {
  return findOperation(operation, type)?.name === operation
}

function declared(
  fields: (o: OperationDeclaration) => readonly OperationField[],
  input: OperationInput,
  operation: string,
  type: WorkflowType
): boolean {
  const found = findOperation(operation, type)
  return !!found && fields(found).some(field => INPUT_OF[field] === input)
}

/** True when the operation cannot run without the input. */
export function isRequired(
  input: OperationInput,
  operation: string,
  type: WorkflowType
): boolean {
  return declared(o => o.needs, input, operation, type)
}

/** True when the operation reads the input at all. */
export function isUsed(
  input: OperationInput,
  operation: string,
  type: WorkflowType
): boolean {
  return declared(o => [...o.needs, ...o.reads], input, operation, type)
}
