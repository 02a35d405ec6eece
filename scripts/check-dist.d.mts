/** See check-dist.mjs. */
export function compareBuilds(fresh: string, dist: string): string[]
