// The simulator serves exactly the routes docs/zadigx-api.md lists for each version:
// each listed route answers (whatever its answer) where the notes say it is served,
// and answers as a missing route (404 `Invalid path` / 405) where they say it is not.
import { PROFILES, startSimulator } from '../../simulator/index.js'
import { notedRoutes, servedAt } from '../helpers/api-notes.js'

const ROUTES = notedRoutes()

// Placeholders filled with values that reach the handler (it may still refuse them).
function concrete(path: string): string {
  return path
    .replace(':taskID', '1')
    .replace(':id', '1')
    .replace(':name', 'build-deploy')
}

// The directory API's picket routes outlive their aslan backends (gone at v3.4.1):
// there they answer, but always `resultCode: 500` (docs/zadigx-api.md#directory-api).
function missing(status: number, body: string): boolean {
  return (
    (status === 404 && body.startsWith('Invalid path')) ||
    (status === 405 && body.startsWith('Method not allowed'))
  )
}

const backendGone = (status: number, body: string): boolean =>
  status === 200 && body.includes('"resultCode":500')

describe.each(PROFILES.map(p => [p.name, p] as const))(
  'a %s simulator',
  (_name, profile) => {
    it('serves the noted routes of its version and no others', async () => {
      const sim = await startSimulator({ version: profile.name })
      const wrong: string[] = []
      try {
        for (const route of ROUTES) {
          const stop = new AbortController()
          const res = await fetch(sim.url + concrete(route.path), {
            method: route.method,
            headers: { Authorization: `Bearer ${sim.token}` },
            signal: stop.signal
          })
          // An event stream does not end: its answering is enough.
          const streams = /^text\/event-stream/.test(
            res.headers.get('content-type') ?? ''
          )
          const body = streams ? '' : await res.text()
          stop.abort()
          const served = servedAt(route, profile.tag)
          const absent =
            missing(res.status, body) ||
            (route.id === 'directory-api' && backendGone(res.status, body))
          if (served ? missing(res.status, body) : !absent)
            wrong.push(
              `${route.method} ${route.path}: ${res.status} ${body.slice(0, 40)} (notes: ${served ? 'served' : 'absent'})`
            )
        }
      } finally {
        await sim.close()
      }
      expect(wrong).toEqual([])
    })
  }
)
