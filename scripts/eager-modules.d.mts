/** See eager-modules.mjs. */
export function eagerModuleFactories(
  source: string,
  fileName?: string
): { code: string; count: number }
