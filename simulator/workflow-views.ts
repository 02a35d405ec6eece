// Workflow views (docs/zadigx-api.md#views; v1.18 CreateWorkflowViewOpenAPI,
// UpdateWorkflowViewOpenAPI, DeleteWorkflowView): named per-project lists of
// workflows. Disabled entries are stored but never listed.
import type { OpenAPIWorkflowViewBrief } from './wire.js'
import { NO_DOCUMENTS, plainError, SimHttpError, zadigError } from './errors.js'

/** A custom (workflow v4) or a product (legacy) workflow. */
export type WorkflowKind = 'custom' | 'product'

/** One workflow of a view. */
export interface SimViewEntry {
  key: string
  displayName: string
  type: WorkflowKind
  enabled: boolean
}

/** A workflow view; `updateTime` is in epoch seconds. */
export interface SimView {
  name: string
  project: string
  updateBy: string
  updateTime: number
  workflows: SimViewEntry[]
}

/** An entry of an update body: `enabled` decides whether a new one is added. */
export type ViewUpdate = Omit<SimViewEntry, 'displayName'> &
  Partial<Pick<SimViewEntry, 'displayName'>>

/** View `release` of project demo: build-deploy and legacy-deploy (release-gate disabled). */
export function defaultViews(): SimView[] {
  return [
    {
      name: 'release',
      project: 'demo',
      updateBy: 'admin',
      updateTime: 1690181000,
      workflows: [
        {
          key: 'build-deploy',
          displayName: 'Build & Deploy',
          type: 'custom',
          enabled: true
        },
        {
          key: 'legacy-deploy',
          displayName: 'Legacy Deploy',
          type: 'product',
          enabled: true
        },
        {
          key: 'release-gate',
          displayName: 'Release Gate',
          type: 'custom',
          enabled: false
        }
      ]
    }
  ]
}

/** One element of GET /openapi/workflows/view: enabled workflows only. */
export function viewBrief(view: SimView): OpenAPIWorkflowViewBrief {
  return {
    name: view.name,
    project_key: view.project,
    update_time: view.updateTime,
    update_by: view.updateBy,
    workflows: view.workflows
      .filter(w => w.enabled)
      .map(w => ({ workflow_key: w.key, workflow_type: w.type }))
  }
}

/** The views of the simulated system; errors are thrown as SimHttpError. */
export class ViewStore {
  constructor(
    private readonly views: SimView[],
    private readonly nowMs: () => number
  ) {}

  /** The views of a project, in creation order. */
  list(project: string): SimView[] {
    return this.views.filter(v => v.project === project)
  }

  /** The view, or undefined. */
  find(project: string, name: string): SimView | undefined {
    return this.views.find(v => v.project === project && v.name === name)
  }

  /** Creates a view; every entry is enabled. A taken name hits the unique index. */
  create(
    project: string,
    name: string,
    entries: Omit<SimViewEntry, 'enabled'>[],
    user: string
  ): void {
    if (this.find(project, name))
      throw new SimHttpError(
        zadigError(
          6892,
          `create workflow view error: write exception: write errors: [E11000 duplicate key error collection: zadig.workflow_view index: name_1_project_name_1 dup key: { name: "${name}", project_name: "${project}" }]`
        )
      )
    this.views.push({
      name,
      project,
      updateBy: user,
      updateTime: this.nowSec(),
      workflows: entries.map(e => ({ ...e, enabled: true }))
    })
  }

  /**
   * Updates the view: entries not yet in it are added only when enabled, entries
   * already in it get `enabled` from the body (v1.18 UpdateWorkflowViewOpenAPI).
   */
  update(
    project: string,
    name: string,
    entries: ViewUpdate[],
    user: string
  ): void {
    const view = this.find(project, name)
    if (!view)
      throw new SimHttpError(
        plainError(
          `failed to find workflow view ${name} for project ${project}`
        )
      )
    const keys = entries.map(e => e.key)
    if (new Set(keys).size !== keys.length)
      throw new SimHttpError(plainError('workflow name duplicated'))
    for (const e of entries) {
      const stored = view.workflows.find(w => w.key === e.key)
      if (stored) stored.enabled = e.enabled
      else if (e.enabled)
        view.workflows.push({
          key: e.key,
          displayName: e.displayName ?? '',
          type: e.type,
          enabled: true
        })
    }
    view.updateBy = user
    view.updateTime = this.nowSec()
  }

  /** Deletes the view (v1.18 DeleteWorkflowView: a missing view is 6894). */
  remove(project: string, name: string): void {
    const view = this.find(project, name)
    if (!view)
      throw new SimHttpError(
        zadigError(6894, `find workflow view error: ${NO_DOCUMENTS}`)
      )
    this.views.splice(this.views.indexOf(view), 1)
  }

  /** Adds a new custom workflow to a view if it exists (HEAD AddWorkflowToView). */
  addWorkflow(project: string, name: string, entry: SimViewEntry): void {
    const view = this.find(project, name)
    if (!view || view.workflows.some(w => w.key === entry.key)) return
    view.workflows.push(entry)
  }

  /**
   * Keys of the enabled workflows of `type` in the view, or undefined for "no
   * filter": an unknown view, or a view with none of that type (docs/zadigx-api.md#list-workflows).
   */
  filter(
    project: string,
    viewName: string,
    type: WorkflowKind
  ): string[] | undefined {
    if (!viewName) return undefined
    const keys = (this.find(project, viewName)?.workflows ?? [])
      .filter(w => w.enabled && w.type === type)
      .map(w => w.key)
    return keys.length > 0 ? keys : undefined
  }

  private nowSec(): number {
    return Math.floor(this.nowMs() / 1000)
  }
}
