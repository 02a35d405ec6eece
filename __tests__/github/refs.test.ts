import { fileURLToPath } from 'node:url'
import { readGitHubContext } from '../../src/github/context.js'
import type { GitHubRun } from '../../src/github/context.js'
import {
  TAG_VARIABLES,
  applyGitHubRef,
  describeEventRef
} from '../../src/github/refs.js'
import type {
  AppliedRef,
  CodeHostInfo,
  ExplicitJobInput
} from '../../src/github/refs.js'
import type { TriggerRequest, WorkflowDetail } from '../../src/zadig/types.js'
import { fixture } from '../helpers/fixtures.js'

const detail = (): WorkflowDetail =>
  fixture<WorkflowDetail>('workflow-detail.json')

const HOSTS: CodeHostInfo[] = [
  {
    id: 1,
    alias: 'gitlab-main',
    type: 'gitlab',
    address: 'https://gitlab.example.com'
  },
  { id: 2, alias: 'gh', type: 'github', address: 'https://github.com' }
]

/** What buildTriggerRequest sends for the fixture workflow with defaults. */
const request = (): TriggerRequest => ({
  project_key: 'demo',
  workflow_key: 'build-deploy',
  inputs: [
    {
      job_name: 'build',
      job_type: 'zadig-build',
      parameters: {
        registry: 'https://harbor.example.com/library',
        service_list: [
          {
            service_name: 'svc-a',
            service_module: 'svc-a',
            repo_info: [],
            inputs: []
          }
        ]
      }
    },
    {
      job_name: 'deploy',
      job_type: 'zadig-deploy',
      parameters: { env_name: 'dev', service_list: [] }
    },
    {
      job_name: 'smoke-test',
      job_type: 'freestyle',
      parameters: { kv: [], repo_info: [] }
    }
  ]
})

const ENV: Record<string, Record<string, string>> = {
  'push-branch.json': {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/feature/login',
    GITHUB_SHA: '3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d'
  },
  'push-tag.json': {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.0',
    GITHUB_SHA: '5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b'
  },
  'pull-request-synchronize.json': {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SHA: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4'
  },
  'pull-request-fork.json': {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/57/merge'
  },
  'workflow-dispatch.json': {
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a69788796'
  }
}

const runOf = (file: string, repository = 'demo-group/svc-a'): GitHubRun =>
  readGitHubContext({
    ...ENV[file],
    GITHUB_REPOSITORY: repository,
    GITHUB_EVENT_PATH: fileURLToPath(
      new URL(`../fixtures/github-events/${file}`, import.meta.url)
    )
  })

/** applyGitHubRef on the default request, with nothing given in inputs. */
const apply = (run: GitHubRun, d: WorkflowDetail = detail()): AppliedRef =>
  applyGitHubRef(request(), d, run, undefined, HOSTS)

type Obj = Record<string, unknown>
const serviceOf = (r: TriggerRequest): Obj =>
  (r.inputs[0]?.parameters['service_list'] as Obj[])[0] as Obj

/** The fixture workflow with its build repo on a GitHub code host. */
function onGitHub(): WorkflowDetail {
  const d = detail()
  const spec = d.stages?.[0]?.jobs?.[0]?.spec as Obj
  const repo = ((spec['service_and_builds'] as Obj[])[0]?.['repos'] as Obj[])[0]
  Object.assign(repo as Obj, { source: 'github', codehost_id: 2 })
  return d
}

/** Adds a build variable to the fixture's svc-a build. */
function withBuildVariable(d: WorkflowDetail, key: string): WorkflowDetail {
  const spec = d.stages?.[0]?.jobs?.[0]?.spec as Obj
  const build = (spec['service_and_builds'] as Obj[])[0] as Obj
  ;(build['key_vals'] as Obj[]).push({ key, value: '', type: 'string' })
  return d
}

describe('applyGitHubRef', () => {
  it('builds the pushed branch, with the code host alias, in a new request', () => {
    const original = request()
    const { request: out, notes } = applyGitHubRef(
      original,
      detail(),
      runOf('push-branch.json'),
      undefined,
      HOSTS
    )
    expect(serviceOf(out)['repo_info']).toEqual([
      {
        codehost_name: 'gitlab-main',
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        remote_name: 'origin',
        branch: 'feature/login',
        pr: 0,
        prs: []
      }
    ])
    expect(original).toEqual(request())
    expect(out.inputs.slice(1)).toEqual(original.inputs.slice(1))
    expect(notes).toEqual([
      'job "build" service svc-a/svc-a: repo demo-group/svc-a (code host "gitlab-main") → branch "feature/login"'
    ])
  })

  it('builds the dispatched branch', () => {
    const { request: out } = apply(runOf('workflow-dispatch.json'))
    expect(serviceOf(out)['repo_info']).toMatchObject([{ branch: 'main' }])
  })

  it('builds a same-repository PR merged into its base, as ZadigX webhooks do', () => {
    const { request: out, notes } = apply(
      runOf('pull-request-synchronize.json'),
      onGitHub()
    )
    expect(serviceOf(out)['repo_info']).toEqual([
      expect.objectContaining({
        codehost_name: 'gh',
        branch: 'main',
        pr: 42,
        prs: [42]
      })
    ])
    expect(notes[0]).toBe(
      'job "build" service svc-a/svc-a: repo demo-group/svc-a (code host "gh") → pull request #42 merged into its base branch (branch "main", pr 42, prs [42])'
    )
  })

  it('treats a code host at this GitHub Enterprise address as GitHub', () => {
    const d = onGitHub()
    const hosts = [
      {
        id: 2,
        alias: 'ghes',
        type: 'other',
        address: 'https://ghes.example.com'
      }
    ]
    const run = {
      ...runOf('pull-request-synchronize.json'),
      serverUrl: 'https://ghes.example.com'
    }
    const repo = (d.stages?.[0]?.jobs?.[0]?.spec as Obj)['service_and_builds']
    ;((repo as Obj[])[0]?.['repos'] as Obj[])[0]!['source'] = 'other'
    const { request: out } = applyGitHubRef(request(), d, run, undefined, hosts)
    expect(serviceOf(out)['repo_info']).toMatchObject([
      { codehost_name: 'ghes', pr: 42, prs: [42] }
    ])
  })

  it('merges a fork PR into its base branch, as ZadigX webhooks do', () => {
    const { request: out, notes } = apply(
      runOf('pull-request-fork.json'),
      onGitHub()
    )
    expect(serviceOf(out)['repo_info']).toEqual([
      expect.objectContaining({ branch: 'main', pr: 57, prs: [57] })
    ])
    expect(notes[0]).toContain('merged into its base branch')
  })

  it('sends only the head branch to a mirror on another code host', () => {
    const { request: out, notes } = apply(
      runOf('pull-request-synchronize.json')
    )
    expect(serviceOf(out)['repo_info']).toEqual([
      expect.objectContaining({ branch: 'feature/login', pr: 0, prs: [] })
    ])
    expect(notes[0]).toContain('no PR number sent')
  })

  it('leaves a fork PR alone on a mirror (its branch is not there)', () => {
    const { request: out, notes } = apply(runOf('pull-request-fork.json'))
    expect(out).toEqual(request())
    expect(notes[0]).toContain('comes from a fork')
  })

  it('pins a tag by commit and fills a declared TAG variable', () => {
    const { request: out, notes } = apply(
      runOf('push-tag.json'),
      withBuildVariable(detail(), 'TAG')
    )
    const service = serviceOf(out)
    expect(service['repo_info']).toEqual([
      expect.objectContaining({
        branch: 'main',
        pr: 0,
        prs: [],
        enable_commit: true,
        commit_id: '5e2a9c1b7d3f4a6e8b0c2d4f6a8b0c1d3e5f7a9b'
      })
    ])
    expect(service['inputs']).toEqual([{ key: 'TAG', value: 'v1.2.0' }])
    expect(notes.join('\n')).toContain('enable_commit true + commit_id')
    expect(notes.join('\n')).toContain('variable TAG = "v1.2.0"')
  })

  it('says so when a tag build declares no tag variable', () => {
    const { notes } = apply(runOf('push-tag.json'))
    expect(notes[1]).toBe(
      `job "build" service svc-a/svc-a: declares none of ${TAG_VARIABLES.join(', ')}; servers before Zadig v4.1 build the branch above, not tag v1.2.0`
    )
  })

  it('changes nothing for another repository, and says why', () => {
    const { request: out, notes } = apply(
      runOf('push-branch.json', 'other-org/svc-b')
    )
    expect(out).toEqual(request())
    expect(notes).toEqual([
      'No build, test, scanning or freestyle job of workflow "build-deploy" that this run starts checks out other-org/svc-b; nothing was changed'
    ])
  })

  it('matches owner and name case-insensitively', () => {
    const { request: out } = apply(
      runOf('push-branch.json', 'Demo-Group/SVC-A')
    )
    // The stored spelling is what the server compares.
    expect(serviceOf(out)['repo_info']).toMatchObject([
      { repo_namespace: 'demo-group', repo_name: 'svc-a' }
    ])
  })

  it('says a repo_info given in another case will not apply (ZadigX compares exactly)', () => {
    const mine = {
      codehost_name: 'gitlab-main',
      repo_namespace: 'Demo-Group',
      repo_name: 'svc-a',
      branch: 'release/1.2'
    }
    const given = {
      service_name: 'svc-a',
      service_module: 'svc-a',
      repo_info: [mine]
    }
    const req = request()
    ;(req.inputs[0] as { parameters: Obj }).parameters['service_list'] = [
      structuredClone(given)
    ]
    const { request: out, notes } = applyGitHubRef(
      req,
      detail(),
      runOf('push-branch.json'),
      [{ job_name: 'build', parameters: { service_list: [given] } }],
      HOSTS
    )
    expect(serviceOf(out)['repo_info']).toEqual([mine])
    expect(notes).toEqual([
      'job "build" service svc-a/svc-a: repo demo-group/svc-a: kept the repo_info given in inputs, but it names "Demo-Group/svc-a" and ZadigX compares repo_namespace and repo_name exactly with "demo-group/svc-a": it will not apply, and the configured ref is built'
    ])
  })

  it('sends repo_owner for an empty stored namespace, as ZadigX fills it in, and says so', () => {
    const d = detail()
    const spec = d.stages?.[0]?.jobs?.[0]?.spec as Obj
    const repo = (
      (spec['service_and_builds'] as Obj[])[0]?.['repos'] as Obj[]
    )[0]!
    Object.assign(repo, { repo_namespace: '', repo_owner: 'demo-group' })
    const { request: out, notes } = apply(runOf('push-branch.json'), d)
    expect(serviceOf(out)['repo_info']).toMatchObject([
      {
        repo_namespace: 'demo-group',
        repo_name: 'svc-a',
        branch: 'feature/login'
      }
    ])
    expect(notes[1]).toBe(
      'job "build" service svc-a/svc-a: repo demo-group/svc-a: the stored repo_namespace is empty: sent repo_namespace "demo-group" (its repo_owner), which ZadigX fills in before it compares'
    )
  })

  it('keeps the repo_info and variables the user wrote in inputs', () => {
    const mine = {
      codehost_name: 'gitlab-main',
      repo_namespace: 'demo-group',
      repo_name: 'svc-a',
      branch: 'release/1.2'
    }
    const given = {
      service_name: 'svc-a',
      service_module: 'svc-a',
      repo_info: [mine],
      inputs: [{ key: 'TAG', value: 'hand-picked' }]
    }
    const explicit: ExplicitJobInput[] = [
      { job_name: 'build', parameters: { service_list: [given] } }
    ]
    const req = request()
    ;(req.inputs[0] as { parameters: Obj }).parameters['service_list'] = [
      structuredClone(given)
    ]
    const { request: out, notes } = applyGitHubRef(
      req,
      withBuildVariable(detail(), 'TAG'),
      runOf('push-tag.json'),
      explicit,
      HOSTS
    )
    expect(serviceOf(out)).toEqual(given)
    expect(notes).toEqual([
      'job "build" service svc-a/svc-a: repo demo-group/svc-a: kept the repo_info given in inputs',
      'job "build" service svc-a/svc-a: kept TAG as given in inputs'
    ])
  })

  it('needs the code host list to name the code host', () => {
    const { request: out, notes } = applyGitHubRef(
      request(),
      detail(),
      runOf('push-branch.json'),
      undefined
    )
    expect(out).toEqual(request())
    expect(notes[0]).toContain('code host id 1 has no alias')
  })

  it('says so when the event names no ref', () => {
    const run: GitHubRun = { ...runOf('push-branch.json'), event: 'schedule' }
    delete run.branch
    run.ref = ''
    const { request: out, notes } = apply(run)
    expect(out).toEqual(request())
    expect(notes[0]).toMatch(/names no branch, tag or pull request/)
  })
})

describe('describeEventRef', () => {
  it.each([
    [
      'push-branch.json',
      'push: branch feature/login of demo-group/svc-a at 3c1d2e4'
    ],
    ['push-tag.json', 'push: tag v1.2.0 of demo-group/svc-a at 5e2a9c1'],
    [
      'pull-request-fork.json',
      'pull_request: pull request #57 from a fork (fix/typo → main) of demo-group/svc-a at c0ffee0'
    ]
  ])('%s', (file, line) => {
    expect(describeEventRef(runOf(file))).toBe(line)
  })
})
