// The delivery centre's artifact records (docs/zadigx-api.md#delivery-artifacts):
// UI API routes of every version; custom-workflow builds record a `build`
// activity, product workflows also `deploy` ones.
import { NO_DOCUMENTS, invalidParam, zadigError } from './errors.js'
import type { Route } from './http.js'
import { ok } from './response.js'

/** A stored artifact with its activities, as GET /artifacts/:id answers it. */
export interface SimArtifact {
  id: string
  image: string
  detail: Record<string, unknown>
}

const IMAGE = 'harbor.example.com/library/api:20260101-1'

/** One image built by the `build` workflow of `demo` and deployed by a product workflow. */
export function defaultArtifacts(): SimArtifact[] {
  const id = '65a1b2c3d4e5f60718293a4b'
  return [
    {
      id,
      image: IMAGE,
      detail: {
        id,
        name: 'api',
        type: 'image',
        source: '',
        image: IMAGE,
        image_tag: '20260101-1',
        image_digest: 'sha256:2f1c',
        image_size: 52428800,
        architecture: 'amd64',
        os: 'linux',
        created_by: 'alice',
        created_time: 1767225600,
        activities: [
          {
            artifact_id: id,
            type: 'build',
            url: '/v1/projects/detail/demo/pipelines/custom/build/7?display_name=build',
            commits: [
              {
                address: 'https://gitlab.example.com',
                source: 'gitlab',
                repo_owner: 'demo-group',
                repo_name: 'api',
                branch: 'main',
                commit_id: '3b18e512dba79e4c8300dd08aeb37f8e728b8dad',
                commit_message: 'fix: retry ::warning::spoofed',
                author_name: 'alice'
              }
            ],
            created_by: 'alice',
            created_time: 1767225600,
            start_time: 1767225500,
            end_time: 1767225600
          },
          {
            artifact_id: id,
            type: 'deploy',
            env_name: 'dev',
            namespace: 'demo-env-dev',
            created_by: 'bob',
            created_time: 1767229200
          }
        ],
        sortedActivities: {}
      }
    }
  ]
}

const ARTIFACTS = '/api/aslan/delivery/artifacts'

// ErrFindArtifact (6662) wraps the repository's error; not found is Mongo's text.
const findFailed = (why: string) => zadigError(6662, why)

/** The two read routes the action calls. */
export function artifactRoutes(artifacts: SimArtifact[]): Route[] {
  return [
    {
      method: 'GET',
      pattern: `${ARTIFACTS}/image`,
      handler: req => {
        const image = req.query.image ?? ''
        if (!image) return invalidParam("image can't be empty!")
        const found = artifacts.find(a => a.image === image)
        // A Go string answer is written as plain text (#error-shapes).
        return found
          ? { status: 200, text: found.id }
          : findFailed(NO_DOCUMENTS)
      }
    },
    {
      method: 'GET',
      pattern: `${ARTIFACTS}/:id`,
      handler: (_req, params) => {
        const id = params.id ?? ''
        // GetDeliveryArtifact returns ErrFindArtifact without the cause.
        const found = artifacts.find(a => a.id === id)
        return found ? ok(found.detail) : findFailed('')
      }
    }
  ]
}
