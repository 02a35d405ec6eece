// POST /openapi/quality/codescan (docs/zadigx-api.md#create-scan): Validate, then the
// names the server looks up, then the crash of Zadig v4.2.0+ (a webhook setting it
// never fills); the v4.1 profile keeps v4.1.0's working route, v5.0 crashes.
import { emptyError, invalidParam, NO_DOCUMENTS, plainError } from './errors.js'
import type { Route } from './http.js'
import type { Profile } from './profiles.js'
import type { ScanStore, SimScanRepo } from './scans.js'
import { success } from './response.js'

/** What the simulated server knows by name. */
const KNOWN = {
  images: ['ubuntu-20.04', 'ubuntu-22.04'],
  clusters: ['local-cluster'],
  codehosts: ['github'],
  sonarSystems: ['sonar-main']
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/** The scan-create route. */
export function scanCreateRoute(profile: Profile, store: ScanStore): Route {
  return {
    method: 'POST',
    pattern: '/openapi/quality/codescan',
    handler: req => {
      const body = (req.body ?? {}) as Record<string, unknown>
      const name = text(body.name)
      const project = text(body.project_key)
      const type = text(body.scanner_type)
      if (!name) return invalidParam('scanning name cannot be empty')
      if (!project) return invalidParam('project key cannot be empty')
      if (!text(body.image_name))
        return invalidParam('image name cannot be empty')
      if (type !== 'sonarQube' && type !== 'other')
        return invalidParam('scanner_type can only be sonarQube or other')
      if (
        type === 'sonarQube' &&
        profile.name !== 'v1.18' &&
        !KNOWN.sonarSystems.includes(text(body.sonar_system))
      )
        return plainError("didn't find the sonar integration of given name")
      // FindByImageName's error is only logged; the nil image is then read.
      if (!KNOWN.images.includes(text(body.image_name))) return emptyError(500)
      const advanced = body.advanced_settings as Record<string, unknown> | null
      if (!advanced || typeof advanced !== 'object') return emptyError(500)
      const cluster = text(advanced.cluster_name)
      if (!KNOWN.clusters.includes(cluster))
        return plainError(
          `failed to find cluster of name: ${cluster}, the error is: ${NO_DOCUMENTS}`
        )
      const repos: SimScanRepo[] = []
      for (const item of Array.isArray(body.repo_info) ? body.repo_info : []) {
        const r = (item ?? {}) as Record<string, unknown>
        const host = text(r.codehost_name)
        if (!KNOWN.codehosts.includes(host))
          return plainError(
            `failed to convert user repository input info into system repository, codehostName: [${host}], repoName[${text(r.repo_name)}], err: failed to find codehost with name [${host}], error is: ${NO_DOCUMENTS}`
          )
        repos.push({
          source: host,
          repo_owner: text(r.repo_namespace),
          repo_name: text(r.repo_name),
          branch: text(r.branch)
        })
      }
      if (profile.name === 'v5.0') return emptyError(500)
      store.scans.push({
        project,
        name,
        scanner: type,
        repos,
        qualityGate: body.enable_quality_gate === true ? 'pass' : 'off',
        seconds: 20
      })
      return success()
    }
  }
}
