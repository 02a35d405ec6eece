// Bodies of the size faults (faults.ts): a gzip answer that unpacks to gigabytes, a
// plain answer of tens of megabytes; neither is ever held whole in memory here.
import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }

/** One mebibyte. */
export const MIB = 1024 * 1024
const bombs = new Map<number, Buffer>()

// Concatenated gzip members are one gzip stream: one member of 1 MiB of spaces,
// repeated, unpacks to `mib` MiB without ever holding that much here.
export function gzipBomb(mib: number): Buffer {
  let bomb = bombs.get(mib)
  if (!bomb) {
    const member = gzipSync(Buffer.alloc(MIB, 0x20), { level: 9 })
    bomb = Buffer.concat(Array.from({ length: mib }, () => member))
    bombs.set(mib, bomb)
  }
  return bomb
}

// Writes `bytes` of JSON whitespace in chunks, as fast as the client takes them,
// and stops when the client hangs up.
export function writeHuge(
  res: ServerResponse,
  bytes: number,
  chunked: boolean
): void {
  const length = chunked ? {} : { 'Content-Length': String(bytes) }
  res.writeHead(200, { ...JSON_TYPE, ...length })
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  let left = bytes
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(left, chunk.length))
      left -= part.length
      if (!res.write(part)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end()
  }
  pump()
}
