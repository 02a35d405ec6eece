// Reads an answer's body with a ceiling on its decoded size. fetch decompresses
// gzip/deflate/br on the fly, so a 2 MB gzip answer can unpack to gigabytes and
// `res.text()` would hold all of it: here the body is read as a stream and reading
// stops at the cap, whatever the encoding or the declared length.

/** The largest answer body read, after decompression: no ZadigX answer comes near it. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024

/** The body went past the cap; `decoded` when it came compressed. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly encoding: string | undefined
  ) {
    super(`answer larger than ${limitBytes} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/**
 * The body as text (UTF-8, as `res.text()` reads it), or a `BodyTooLargeError`
 * once more than `limit` bytes have come; the rest is not downloaded.
 */
export async function readLimitedText(
  res: Response,
  limit: number = MAX_BODY_BYTES
): Promise<string> {
  const encoding = contentEncoding(res)
  const declared = Number(res.headers.get('content-length') ?? Number.NaN)
  if (!encoding && declared > limit) {
    await res.body?.cancel().catch(() => undefined)
    throw new BodyTooLargeError(limit, encoding)
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const decoder = new TextDecoder('utf-8')
  const parts: string[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLargeError(limit, encoding)
    }
    parts.push(decoder.decode(value, { stream: true }))
  }
  parts.push(decoder.decode())
  return parts.join('')
}

function contentEncoding(res: Response): string | undefined {
  const value = (res.headers.get('content-encoding') ?? '').trim().toLowerCase()
  return value === '' || value === 'identity' ? undefined : value
}

/** "16 MiB" */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`
}
