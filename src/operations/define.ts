// How an operation declares itself: its name (and aliases), the workflow types it
// serves, the inputs it needs and the ones it reads, when its result passes the
// step, and the function that runs it. The input rules (src/inputs/rules.ts) and
// the dispatch (index.ts) are read from these declarations.
import type { ActionInputs } from '../inputs/types.js'
import type {
  OperationDeps,
  OperationOutcome,
  OperationState
} from './context.js'

/** The kind of workflow an operation acts on. */
export type WorkflowType = 'custom' | 'product'

/**
 * The fields of `ActionInputs` whose use depends on the operation, and the input
 * each comes from (`inputs` gives the custom or the product form of the jobs).
 */
export const INPUT_OF = {
  project: 'project',
  workflow: 'workflow',
  jobInputs: 'inputs',
  productInput: 'inputs',
  scanRepos: 'inputs',
  parameters: 'parameters',
  taskId: 'task-id',
  approval: 'approval',
  comment: 'comment',
  view: 'view',
  viewWorkflows: 'view-workflows',
  commit: 'commit',
  definition: 'definition',
  env: 'env',
  service: 'service',
  services: 'services',
  container: 'container',
  image: 'image',
  images: 'images',
  variables: 'variables',
  replicas: 'replicas',
  baseEnv: 'base-env',
  projectName: 'project-name',
  projectType: 'project-type',
  projectSetup: 'definition',
  build: 'build',
  buildTemplate: 'build-template',
  buildTargets: 'definition',
  releaseVersion: 'release-version',
  release: 'release',
  registry: 'registry',
  registryAccessKey: 'registry-access-key',
  registrySecretKey: 'registry-secret-key',
  test: 'test',
  scan: 'scan',
  deleteNamespace: 'delete-namespace',
  since: 'since',
  until: 'until'
} as const

/** A field of `ActionInputs` that an operation declares it needs or reads. */
export type OperationField = keyof typeof INPUT_OF

/** An input whose use depends on the operation. */
export type OperationInput = (typeof INPUT_OF)[OperationField]

/**
 * The inputs an operation receives: the general ones, the fields it reads as
 * `ActionInputs` types them, and the fields it needs, present (never undefined).
 */
export type InputsOf<
  Needs extends OperationField,
  Reads extends OperationField
> = Omit<ActionInputs, OperationField> &
  Pick<ActionInputs, Reads> & {
    [K in Needs]-?: NonNullable<ActionInputs[K]>
  }

/** The collaborators of an operation that needs `Needs` and reads `Reads`. */
export type DepsOf<
  Needs extends OperationField,
  Reads extends OperationField = never
> = OperationDeps<InputsOf<Needs, Reads>>

/**
 * When an operation's own result passes the step (an error it throws always
 * fails the step). `inputs` are the step's: some rules depend on `wait` or
 * `on-approval`.
 */
export type PassRule = (
  outcome: OperationOutcome,
  inputs: ActionInputs
) => boolean

/** How an operation is written: see the operation files for examples. */
export interface OperationSpec<
  Needs extends OperationField,
  Reads extends OperationField
> {
  /** The `operation` input's value. */
  name: string
  /** Other values of `operation` that run it (a back-compat name). */
  aliases?: readonly string[]
  /** The workflow types (`workflow-type`) it exists for. */
  workflowTypes: readonly WorkflowType[]
  /** Inputs it cannot run without: missing ones stop the step before any request. */
  needs: readonly Needs[]
  /** Inputs it uses when given; any other operation input is warned about as ignored. */
  reads?: readonly Reads[]
  /** When its result passes the step (see `passes`). */
  passes: PassRule
  /** Talks to ZadigX and fills `state`; `state.data` is what the `data` output shows. */
  run: (
    deps: OperationDeps<InputsOf<Needs, Reads>>,
    state: OperationState
  ) => Promise<OperationOutcome>
}

/** A declared operation as the dispatch and the input rules see it. */
export interface OperationDeclaration {
  readonly name: string
  readonly aliases: readonly string[]
  readonly workflowTypes: readonly WorkflowType[]
  readonly needs: readonly OperationField[]
  readonly reads: readonly OperationField[]
  readonly passes: PassRule
  readonly run: (
    deps: OperationDeps,
    state: OperationState
  ) => Promise<OperationOutcome>
}

/** Declares an operation; its `run` gets exactly the inputs it declared, typed. */
export function defineOperation<
  Needs extends OperationField,
  Reads extends OperationField = never
>(spec: OperationSpec<Needs, Reads>): OperationDeclaration {
  return {
    name: spec.name,
    aliases: spec.aliases ?? [],
    workflowTypes: spec.workflowTypes,
    needs: spec.needs,
    reads: spec.reads ?? [],
    passes: spec.passes,
    run: async (deps, state) => spec.run(withNeeds(deps, spec), state)
  }
}

// getInputs has refused the step when a needed input is missing; this guard keeps
// a caller that skipped it from running on undefined values.
function withNeeds<Needs extends OperationField, Reads extends OperationField>(
  deps: OperationDeps,
  spec: OperationSpec<Needs, Reads>
): OperationDeps<InputsOf<Needs, Reads>> {
  const { inputs } = deps
  if (hasNeeds<Needs, Reads>(inputs, spec.needs)) return { ...deps, inputs }
  const missing = spec.needs.filter(field => !given(inputs[field]))
  throw new Error(
    `operation "${spec.name}" needs ${missing.map(f => INPUT_OF[f]).join(', ')}, got nothing`
  )
}

function hasNeeds<Needs extends OperationField, Reads extends OperationField>(
  inputs: ActionInputs,
  needs: readonly Needs[]
): inputs is ActionInputs & InputsOf<Needs, Reads> {
  return needs.every(field => given(inputs[field]))
}

function given(value: unknown): boolean {
  return value !== undefined && value !== ''
}

/** Results that pass whatever the inputs. */
function resultIn(...results: OperationOutcome['result'][]): PassRule {
  return outcome => results.includes(outcome.result)
}

/** A task followed to its end: success or skipped, or the stop on-approval: exit asked for. */
const whenFollowed: PassRule = (outcome, inputs) =>
  resultIn('success', 'skipped')(outcome, inputs) ||
  (outcome.result === 'waiting-approval' && inputs.onApproval === 'exit')

/** As `whenFollowed`, or started and not followed (wait: false). */
const whenStartedOrFollowed: PassRule = (outcome, inputs) =>
  whenFollowed(outcome, inputs) ||
  (outcome.result === 'running' && !inputs.wait)

const onAnyResult: PassRule = () => true

/** The pass rules operations declare. */
export const passes = {
  /** Lists, creates, updates and deletes: the call succeeded. */
  onSuccess: resultIn('success'),
  /** Reports the task's result without judging it (get-task, cancel). */
  onAnyResult,
  /** wait: the task passed, was skipped, or waits for approval with on-approval: exit. */
  whenFollowed,
  /** trigger, approve, retry, restart: as `whenFollowed`, or running with wait: false. */
  whenStartedOrFollowed,
  /** reject: the task ended rejected (what the step asked for), or passed. */
  whenRejected: resultIn('success', 'rejected')
} satisfies Record<string, PassRule>
