// A freestyle job's repositories, listed in the trigger. The server keeps only the
// repositories a freestyle job's `repo_info` names on Zadig v3.4.1 .. v4.1 (so an empty
// list checks out nothing) and replaces them with the list on v5.0; listing every stored
// repository as configured keeps them on every version (docs/zadigx-api.md#job-inputs).
import { storedInput, type CodeHostInfo } from '../github/event-ref.js'
import { refTargets, type Obj } from '../github/repo-targets.js'
import { untrusted } from '../log.js'
import type { TriggerRequest, WorkflowDetail } from '../zadig/types.js'

/** The request with each freestyle job's stored repositories in its `repo_info`. */
export async function withFreestyleRepos(
  request: TriggerRequest,
  detail: WorkflowDetail,
  explicit: (jobName: string) => Obj | undefined,
  codeHosts: () => Promise<CodeHostInfo[] | undefined>
): Promise<{ request: TriggerRequest; notes: string[] }> {
  const jobs = new Map(
    (detail.stages ?? []).flatMap(s => s.jobs ?? []).map(j => [j.name, j])
  )
  const notes: string[] = []
  const inputs = structuredClone(request.inputs)
  let hosts: CodeHostInfo[] | undefined
  for (const input of inputs) {
    const job = jobs.get(input.job_name)
    if (job?.type !== 'freestyle') continue
    const given = explicit(input.job_name)
    for (const target of refTargets(input, job, given)) {
      const repos = target.repos.filter(r => !r.source_from)
      if (repos.length === 0 || Array.isArray(target.explicit?.['repo_info']))
        continue
      hosts ??= (await codeHosts()) ?? []
      const entries = repos.flatMap(repo => {
        const alias = hosts?.find(h => h.id === repo.codehost_id)?.alias
        return alias ? [storedInput(repo, alias)] : []
      })
      target.container['repo_info'] = entries
      if (entries.length < repos.length)
        notes.push(
          `${untrusted(target.label)}: ${repos.length - entries.length} of its repositories have a code host without an alias; on Zadig v3.4.1 .. v4.1 they are not checked out`
        )
    }
  }
  return { request: { ...request, inputs }, notes }
}
