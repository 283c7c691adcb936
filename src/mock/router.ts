import type { MockRoute } from './spec'

export interface Match {
  route: MockRoute
  /** Path parameters, percent-decoded. */
  path: Record<string, string>
}

/**
 * Finds the route for a method and a path relative to the API's base. Literal segments beat
 * templated ones (`/pets/mine` before `/pets/{petId}`), as OpenAPI requires.
 */
export function createRouter(routes: readonly MockRoute[]): (method: string, path: string) => Match | undefined {
  const compiled = routes
    .map((route) => {
      const names: string[] = []
      const source = route.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1]
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(name)
          return '([^/]+)'
        })
        .join('')
      return { route, names, pattern: new RegExp(`^${source}/?$`), literal: route.path.replace(/\{[^}]+\}/g, '').length }
    })
    .sort((a, b) => b.literal - a.literal)
  return (method, path) => {
    for (const { route, names, pattern } of compiled) {
      if (route.method !== method.toUpperCase()) continue
      const found = pattern.exec(path)
      if (!found) continue
      const params: Record<string, string> = {}
      names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] as string)
      })
      return { route, path: params }
    }
    return undefined
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
