// preview-env's choice between a share-env sub-environment and a full copy, with
// the client stubbed at its seam: what is asked, what is sent, what the log says.
import {
  chooseCopy,
  FULL_COPY,
  planCopy
} from '../../src/operations/preview-copy.js'
import type { ZadigClient } from '../../src/zadig/client.js'
import type { CreateEnvRequest } from '../../src/zadig/env-types.js'
import { ZadigApiError } from '../../src/zadig/errors.js'
import {
  isAtLeastV42,
  type ServerGeneration
} from '../../src/zadig/server-version.js'

const ADDRESS = { projectKey: 'demo', envKey: 'pr-42', production: false }

interface Stub {
  generation: ServerGeneration
  serverUrl?: boolean
  ready?: () => Promise<unknown>
}

function client(stub: Stub) {
  const asked: string[] = []
  const routeExists = async (path: string) => {
    asked.push(path)
    return stub.serverUrl ?? false
  }
  const c = {
    system: {
      generation: async () => stub.generation,
      // The client's own: the generation, then the v4.1 probe.
      async isAtLeastV42() {
        return isAtLeastV42(await this.generation(), routeExists)
      }
    },
    environments: {
      shareReady: async (env: { envKey: string }, op: string) => {
        asked.push(`ready ${env.envKey} ${op}`)
        if (!stub.ready) throw new Error('the ready route was asked')
        return stub.ready()
      }
    }
  }
  return { client: c as unknown as ZadigClient, asked }
}

const apiError = (status: number, code?: number) =>
  new ZadigApiError(
    { status, code, method: 'GET', path: '/openapi/environments/dev' },
    'refused'
  )

const READY = async () => ({ is_ready: true, checks: {} })

describe('chooseCopy', () => {
  it.each(['v1.18', 'v3.1'] as const)(
    'on %s: a full copy, nothing asked',
    async generation => {
      const { client: c, asked } = client({ generation })
      await expect(chooseCopy(c, ADDRESS, 'dev')).resolves.toEqual({
        copy: FULL_COPY,
        why: 'sub-environments need Zadig v4.2+'
      })
      expect(asked).toEqual([])
    }
  )

  it('inside v4.1 … v4.3 the server/url route tells v4.2+ from v4.1', async () => {
    const old = client({ generation: 'v4.1', serverUrl: false, ready: READY })
    expect((await chooseCopy(old.client, ADDRESS, 'dev')).copy).toBe(FULL_COPY)
    expect(old.asked).toEqual(['/api/aslan/system/server/url'])
    const v42 = client({ generation: 'v4.1', serverUrl: true, ready: READY })
    await expect(chooseCopy(v42.client, ADDRESS, 'dev')).resolves.toEqual({
      subEnv: { enable: true, base_env: 'dev' },
      copy: 'sub-environment of dev'
    })
    expect(v42.asked).toEqual([
      '/api/aslan/system/server/url',
      'ready dev enable'
    ])
  })

  it('is ready only on a true boolean; the checks that failed are named', async () => {
    const text = client({
      generation: 'v5.0',
      ready: async () => ({ is_ready: 'true' })
    })
    expect(await chooseCopy(text.client, ADDRESS, 'dev')).toEqual({
      copy: FULL_COPY,
      why: 'dev is not a ready share-env base'
    })
    const starting = client({
      generation: 'v5.0',
      ready: async () => ({
        is_ready: false,
        checks: { workloads_ready: false, '::warning::x': false }
      })
    })
    expect((await chooseCopy(starting.client, ADDRESS, 'dev')).why).toBe(
      'dev is not a ready share-env base: workloads_ready is false'
    )
  })

  it.each([
    [apiError(404), 'the server has no share-env check'],
    [apiError(403), "the token may not check dev's share-env mode"],
    [apiError(500, 500), 'the share-env check of dev failed (HTTP 500)']
  ])('a refused check (%#) means a full copy', async (err, why) => {
    const { client: c } = client({
      generation: 'v5.0',
      ready: () => Promise.reject(err)
    })
    const choice = await chooseCopy(c, ADDRESS, 'dev')
    expect(choice.subEnv).toBeUndefined()
    expect(choice.why).toContain(why)
  })

  it('a version probe without an answer means a full copy', async () => {
    const { client: c } = client({ generation: 'v5.0', ready: READY })
    c.system.generation = () => Promise.reject(apiError(502))
    expect((await chooseCopy(c, ADDRESS, 'dev')).why).toBe(
      "the server's version could not be told (HTTP 502)"
    )
  })

  it('anything but a ZadigX answer (an abort) is not swallowed', async () => {
    const { client: c } = client({
      generation: 'v5.0',
      ready: () => Promise.reject(new Error('aborted'))
    })
    await expect(chooseCopy(c, ADDRESS, 'dev')).rejects.toThrow('aborted')
  })
})

describe('planCopy', () => {
  const body = (): CreateEnvRequest => ({
    env_key: 'pr-42',
    cluster_id: 'c',
    namespace: 'demo-env-pr-42',
    registry_id: 'r',
    services: [{ service_name: 'svc-a', containers: [], variable_kvs: [] }],
    global_variables: []
  })

  it('puts sub_env in the body and says which in one line', async () => {
    const lines: string[] = []
    const log = { info: (l: string) => lines.push(l) }
    const sent = body()
    const { client: c } = client({ generation: 'v5.0', ready: READY })
    const deps = { client: c, log, inputs: { baseEnv: 'dev' } } as never
    expect(await planCopy(deps, ADDRESS, sent)).toEqual({
      copy: 'sub-environment of dev',
      what: 'sub-environment of dev'
    })
    expect(sent.sub_env).toEqual({ enable: true, base_env: 'dev' })
    expect(lines).toEqual(['Creating pr-42 as a sub-environment of dev: svc-a'])
  })

  it('leaves the body a full copy otherwise', async () => {
    const lines: string[] = []
    const log = { info: (l: string) => lines.push(l) }
    const sent = body()
    const { client: c } = client({ generation: 'v1.18' })
    const deps = { client: c, log, inputs: { baseEnv: 'dev' } } as never
    expect((await planCopy(deps, ADDRESS, sent)).what).toBe('full copy of dev')
    expect(sent).not.toHaveProperty('sub_env')
    expect(lines).toEqual([
      'Creating pr-42 as a full copy of dev (sub-environments need Zadig v4.2+): svc-a'
    ])
  })
})
