import type { ResponseType } from './types'

// The one place that knows media types: request bodies (api/body, api/forms, api/params) and
// response parsing (http/response) all ask here, so "is this JSON" has one answer.

const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json$/
const TEXT_TYPE = /^text\/|^application\/(?:xml|xhtml\+xml|javascript|x-www-form-urlencoded)$|\+xml$/

/** `Application/JSON; charset=utf-8` → `application/json`; '' for none. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()
}

/** `application/json`, `application/problem+json`, with or without parameters, any case. */
export function isJsonType(contentType: string | null | undefined): boolean {
  return JSON_TYPE.test(mediaType(contentType))
}

/** Whether a 2xx body read as `type` is handed to the caller as a stream, outliving the attempt timer. */
export const isStreamed = (type: ResponseType): boolean => type === 'stream' || type === 'sse'

/** How a 2xx body is read when the caller does not say: JSON, an event stream, text, else a Blob. */
export function detectResponseType(contentType: string | null): ResponseType {
  const type = mediaType(contentType)
  if (JSON_TYPE.test(type)) return 'json'
  if (type === 'text/event-stream') return 'sse'
  if (!type || TEXT_TYPE.test(type)) return 'text'
  return 'blob'
}
