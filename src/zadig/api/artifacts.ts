// The delivery centre's artifact records (docs/zadigx-api.md#delivery-artifacts):
// the UI API of every version from v1.18.0; the OpenAPI has no artifact route.
import {
  AnswerShapeError,
  list,
  name,
  optionalName,
  optionalNumber,
  optionalText,
  readFields,
  type FieldPath
} from '../decode.js'
import type { ZadigHttp } from '../http.js'

/** A commit an artifact's build checked out. */
export interface ArtifactCommit {
  address?: string
  source?: string
  repo_owner?: string
  repo_name?: string
  branch?: string
  pr?: number
  tag?: string
  commit_id?: string
  commit_message?: string
  author_name?: string
}

/** Something that happened to an artifact: `build`, `deploy`, `test`, `publish`. */
export interface ArtifactActivity {
  type: string
  content?: string
  url?: string
  commits?: ArtifactCommit[] | null
  namespace?: string
  env_name?: string
  start_time?: number
  end_time?: number
  created_by?: string
  created_time?: number
}

/** GET /api/aslan/delivery/artifacts/:id. */
export interface ArtifactDetail {
  id: string
  name: string
  type: string
  source?: string
  image?: string
  image_tag?: string
  image_digest?: string
  image_size?: number
  architecture?: string
  os?: string
  created_by?: string
  created_time?: number
  activities: ArtifactActivity[]
}

const ARTIFACTS = '/api/aslan/delivery/artifacts'

// The id route answers the ObjectID as plain text (a Go string, #error-shapes).
const OBJECT_ID = /^[0-9a-f]{24}$/

function commitRow(value: unknown, path: FieldPath): ArtifactCommit {
  return readFields(value, path, {
    address: optionalText,
    repo_owner: optionalName,
    repo_name: optionalName,
    branch: optionalName,
    pr: optionalNumber,
    tag: optionalName,
    commit_id: optionalName,
    commit_message: optionalText,
    author_name: optionalName
  })
}

function activityRow(value: unknown, path: FieldPath): ArtifactActivity {
  const row = readFields<ArtifactActivity>(value, path, {
    type: name,
    content: optionalText,
    url: optionalText,
    namespace: optionalName,
    env_name: optionalName,
    start_time: optionalNumber,
    end_time: optionalNumber,
    created_by: optionalName,
    created_time: optionalNumber
  })
  return { ...row, commits: list(row.commits, `${path}.commits`, commitRow) }
}

/** Reads an artifact's detail (docs/zadigx-api.md#delivery-artifacts). */
export function decodeArtifact(body: unknown): ArtifactDetail {
  const detail = readFields<ArtifactDetail>(body, '', {
    id: name,
    name: name,
    type: name,
    image: optionalText,
    image_tag: optionalName,
    image_digest: optionalName,
    image_size: optionalNumber,
    architecture: optionalName,
    os: optionalName,
    created_by: optionalName,
    created_time: optionalNumber
  })
  return {
    ...detail,
    activities: list(detail.activities, 'activities', activityRow)
  }
}

/** The artifacts ZadigX recorded for the images its builds pushed. */
export class ArtifactsApi {
  constructor(private readonly http: ZadigHttp) {}

  /** #delivery-artifacts: the id of the artifact recorded for `image` (the whole reference). */
  async idOf(image: string): Promise<string> {
    const path = `${ARTIFACTS}/image`
    const answer = await this.http.request<unknown>('GET', path, {
      query: { image },
      idempotent: true,
      answer: 'text'
    })
    const id = typeof answer === 'string' ? answer.trim() : answer
    if (typeof id === 'string' && OBJECT_ID.test(id)) return id
    const why = new AnswerShapeError('', id, 'an artifact id (24 hex digits)')
    throw this.http.refuse(
      'GET',
      path,
      `ZadigX answered the artifact id ${why.message}`
    )
  }

  /** #delivery-artifacts: an artifact and its activities. */
  detail(id: string): Promise<ArtifactDetail> {
    return this.http.requestDecoded(
      'GET',
      `${ARTIFACTS}/${encodeURIComponent(id)}`,
      { idempotent: true },
      { what: 'the artifact', decode: decodeArtifact }
    )
  }
}
