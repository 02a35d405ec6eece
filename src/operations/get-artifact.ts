// operation: get-artifact — where an image was built (and, from product
// workflows, deployed), as the delivery centre recorded it
// (docs/zadigx-api.md#delivery-artifacts).
import { untrusted } from '../log.js'
import { ERROR_MAX, forOneLine } from '../server-text.js'
import type {
  ArtifactActivity,
  ArtifactCommit,
  ArtifactDetail
} from '../zadig/api/artifacts.js'
import { isNotFound } from '../zadig/errors.js'
import type { OperationOutcome, OperationState } from './context.js'
import { defineOperation, passes, type DepsOf } from './define.js'

/** A commit as `data` shows it. */
export interface ShownCommit {
  repo: string
  branch?: string
  pr?: number
  tag?: string
  commit?: string
  message?: string
  author?: string
}

/** An activity (`build`, `deploy`, `test`, `publish`) as `data` shows it. */
export interface ShownActivity {
  type: string
  by?: string
  at?: number
  started_at?: number
  ended_at?: number
  link?: string
  env?: string
  namespace?: string
  content?: string
  commits: ShownCommit[]
}

/** The artifact as `data` shows it. */
export interface ShownArtifact {
  image: string
  name: string
  tag?: string
  digest?: string
  size?: number
  architecture?: string
  os?: string
  created_by?: string
  created_at?: number
  activities: ShownActivity[]
}

/**
 * operation: get-artifact — the delivery centre's record of `image` (the whole
 * reference a build pushed): the builds that made it, with their commits, and
 * any deployments, tests and publications recorded for it. `data`: that record.
 */
export const getArtifact = defineOperation({
  name: 'get-artifact',
  workflowTypes: ['custom'],
  needs: ['image'],
  passes: passes.onSuccess,
  run: traceImage
})

async function traceImage(
  { client, inputs, log }: DepsOf<'image'>,
  state: OperationState
): Promise<OperationOutcome> {
  const id = await client.artifacts.idOf(inputs.image).catch((err: unknown) => {
    throw isNotFound(err) ? notRecorded(inputs.image) : err
  })
  const shown = showArtifact(await client.artifacts.detail(id), inputs.url)
  state.data = shown
  log.info(
    `artifact ${untrusted(shown.image)}: ${shown.activities.length} recorded ${shown.activities.length === 1 ? 'activity' : 'activities'}`
  )
  for (const a of shown.activities) log.info(`  ${describeActivity(a)}`)
  return { result: 'success' }
}

function notRecorded(image: string): Error {
  return new Error(
    `get-artifact: the delivery centre has no artifact for image ${untrusted(image)}. ZadigX records the images its own build jobs push, under the exact reference pushed (registry/namespace/name:tag); check the reference, or whether the image was pushed by a ZadigX build`
  )
}

/** The artifact as `data` shows it; relative UI links made absolute on `baseUrl`. */
export function showArtifact(
  a: ArtifactDetail,
  baseUrl: string
): ShownArtifact {
  return {
    image: a.image ?? '',
    name: a.name,
    tag: a.image_tag || undefined,
    digest: a.image_digest || undefined,
    size: a.image_size || undefined,
    architecture: a.architecture || undefined,
    os: a.os || undefined,
    created_by: a.created_by || undefined,
    created_at: a.created_time || undefined,
    activities: a.activities.map(x => showActivity(x, baseUrl))
  }
}

function showActivity(a: ArtifactActivity, baseUrl: string): ShownActivity {
  return {
    type: a.type,
    by: a.created_by || undefined,
    at: a.created_time || undefined,
    started_at: a.start_time || undefined,
    ended_at: a.end_time || undefined,
    link: linkOf(a.url, baseUrl),
    env: a.env_name || undefined,
    namespace: a.namespace || undefined,
    content: a.content || undefined,
    commits: (a.commits ?? []).map(showCommit)
  }
}

// ZadigX stores links to its own UI as paths (`/v1/projects/detail/…`).
function linkOf(url: string | undefined, baseUrl: string): string | undefined {
  if (!url) return undefined
  return url.startsWith('/') ? `${baseUrl.replace(/\/+$/, '')}${url}` : url
}

function showCommit(c: ArtifactCommit): ShownCommit {
  const repo = [c.repo_owner, c.repo_name].filter(Boolean).join('/')
  return {
    repo: repo || (c.address ?? ''),
    branch: c.branch || undefined,
    pr: c.pr || undefined,
    tag: c.tag || undefined,
    commit: c.commit_id || undefined,
    message: c.commit_message || undefined,
    author: c.author_name || undefined
  }
}

function describeActivity(a: ShownActivity): string {
  const where = a.env ? ` in environment ${a.env}` : ''
  const by = a.by ? ` by ${a.by}` : ''
  const from = a.commits
    .map(c => {
      const ref = c.branch ?? c.tag ?? ''
      const sha = c.commit ? ` ${c.commit.slice(0, 12)}` : ''
      return `${c.repo}${ref ? `@${ref}` : ''}${c.pr ? ` PR ${c.pr}` : ''}${sha}`
    })
    .join(', ')
  const link = a.link ? ` ${a.link}` : ''
  return forOneLine(
    `${a.type}${where}${by}${from ? ` from ${from}` : ''}${link}`,
    ERROR_MAX
  )
}
