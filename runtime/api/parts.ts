import { RequestError } from '../errors/request-error'
import { HEADER_NAME } from '../http/headers'
import { encodeBody } from './body'
import { contentText, deepObjectPairs, formPairs, headerStyle, located, pathStyle } from './params'
import { fullServerUrl } from './server-url'
import { need } from './need'
import { pairs } from './pairs'
import type { OperationDef, OperationParts, ParameterDef } from './types'

/**
 * The parts of `OperationParts`, one export each, so a generated module imports only those its
 * operations use (docs/decisions/operation-parts.md); `allParts` is what `createApi` passes.
 */

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/** Fills `{name}` in the path template (styles simple, label, matrix, or `content`). */
export function pathPart(op: OperationDef, values: Record<string, unknown> | undefined, where: string, parts: OperationParts): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = op.params?.find((x) => x.in === 'path' && x.name === name) ?? { name, in: 'path' }
    const value = values?.[name]
    // An empty value is meaningful only where the style writes a prefix (`;color`, `.`).
    if (value === undefined || value === null || (value === '' && p.style !== 'matrix' && p.style !== 'label')) {
      throw new RequestError(`${where}: missing required path parameter "${name}"`, { code: 'ERR_MISSING_PARAMETER' })
    }
    const text = located(where, `path parameter "${name}"`, () =>
      p.contentType ? encodeURIComponent(need(parts, 'content', where)(p, value)) : pathStyle(p, value),
    )
    // URLs resolve `.` and `..` as directory steps: `/files/../admin` would leave the template.
    if (DOT_SEGMENT.test(text))
      throw new RequestError(`${where}: path parameter "${name}" is "${text}", which a URL resolves as a directory step`, { code: 'ERR_PATH_PARAMETER' })
    return text
  })
}

/** A header parameter's text (style simple, or `content`), refused when fetch could not send it. */
export function headerPart(p: ParameterDef, value: unknown, where: string, parts: OperationParts): string {
  // fetch refuses a name that is not an RFC 9110 token with a bare TypeError; name the parameter.
  if (!HEADER_NAME.test(p.name)) {
    throw new RequestError(`${where}: header parameter ${JSON.stringify(p.name)} is not a valid HTTP header name, so it cannot be sent`, {
      code: 'ERR_HEADER_NAME',
    })
  }
  const text = located(where, `header parameter "${p.name}"`, () => (p.contentType ? need(parts, 'content', where)(p, value) : headerStyle(p, value)))
  // fetch refuses header values outside Latin-1 with a bare TypeError; say which parameter it was.
  if (/[^\u0000-\u00ff]/.test(text)) {
    throw new RequestError(`${where}: header parameter "${p.name}" has characters outside Latin-1, which HTTP headers cannot carry`, {
      code: 'ERR_HEADER_VALUE',
    })
  }
  return text
}

/** A cookie parameter's `name=value` pairs (style form, deepObject, or `content`). */
export function cookiePart(p: ParameterDef, value: unknown, where: string, parts: OperationParts): string[] {
  const label = `cookie parameter "${p.name}"`
  return located(where, label, () => pairs(p, value, undefined, parts, where)).map(([n, v]) => `${n}=${located(where, label, () => encodeURIComponent(v))}`)
}

/** The 2xx media types of `responses`, for definitions written without `accept`. */
export function acceptPart(op: OperationDef): string | undefined {
  const types = new Set<string>()
  for (const [status, r] of Object.entries(op.responses ?? {})) if (/^2/.test(status)) for (const t of r.contentTypes) types.add(t)
  return types.size > 0 ? [...types].join(', ') : undefined
}

export { formPairs as formPart, deepObjectPairs as deepObjectPart, contentText as contentPart, encodeBody as bodyPart, fullServerUrl as serverPart }

/** Every part: what `createApi` (hand-written definitions) uses. */
export const allParts: OperationParts = {
  path: pathPart,
  header: headerPart,
  cookie: cookiePart,
  accept: acceptPart,
  form: formPairs,
  deepObject: deepObjectPairs,
  content: contentText,
  body: encodeBody,
  server: fullServerUrl,
}
