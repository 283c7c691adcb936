import { isObject } from './json'

/**
 * Which kind of document a file holds, told by its content as the specifications define it: a
 * top-level `asyncapi` member (AsyncAPI), else OpenAPI/Swagger. Read from the text without parsing,
 * so the plugin can route a file before loading it; the loader confirms on the parsed value.
 */
export function isAsyncApiText(text: string): boolean {
  const head = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  // YAML: a key at column 0; JSON: a member of the outermost object (the first few lines hold it in practice).
  return /^["']?asyncapi["']?\s*:/m.test(head) || /^\s*\{[^]*?"asyncapi"\s*:/.test(head.slice(0, 4096))
}

/** `3.0.0` → { major: 3, minor: 0 }; undefined when the member is missing or not a version string. */
export function asyncApiVersion(document: unknown): { text: string; major: number; minor: number } | undefined {
  if (!isObject(document)) return undefined
  const value = document.asyncapi
  const match = typeof value === 'string' ? /^(\d+)\.(\d+)\.\d+/.exec(value) : null
  return match ? { text: value as string, major: Number(match[1]), minor: Number(match[2]) } : undefined
}
