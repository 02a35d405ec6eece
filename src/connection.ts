// Builds the ZadigX client from the inputs: one place for the network path (proxy from the
// environment, private CA, TLS options) shared by the main and post steps.
import type { ActionInputs } from './inputs.js'
import type { Logger } from './log.js'
import { ZadigClient } from './zadig/client.js'
import { createTransport } from './zadig/transport.js'

/** A client for `inputs.url`; `fetch` replaces the transport (tests). */
export function createZadigClient(
  inputs: ActionInputs,
  log: Logger,
  options: {
    fetch?: typeof fetch
    timeoutMs?: number
    /** Back-off waits go through the action's clock (tests use a virtual one). */
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  } = {}
): ZadigClient {
  const fetchFn =
    options.fetch ??
    createTransport({
      url: inputs.url,
      caCert: inputs.caCert,
      insecureSkipTlsVerify: inputs.insecureSkipTlsVerify,
      log
    }).fetch
  return new ZadigClient({
    baseUrl: inputs.url,
    token: inputs.token,
    fetch: fetchFn,
    timeoutMs: options.timeoutMs ?? inputs.requestTimeoutMs,
    sleep: options.sleep,
    log
  })
}
