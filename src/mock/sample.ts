import { sample } from 'openapi-sampler'
import { isObject, resolveRef, type JsonObject } from '../spec/document'

/**
 * A response body for a media type object: its `example`, else the first of its `examples`, else
 * a value built from the schema by openapi-sampler (deterministic: it derives values from
 * examples, defaults, enums, formats and bounds, never from randomness, so every run and every
 * machine serves the same data). Write-only properties are left out of responses.
 */
export function sampleMedia(document: JsonObject, media: JsonObject): unknown {
  if ('example' in media) return media.example
  if (isObject(media.examples)) {
    for (const raw of Object.values(media.examples)) {
      const example = resolveRef(document, raw)
      if (example && 'value' in example) return example.value
    }
  }
  if (media.schema === undefined) return undefined
  try {
    return sample(media.schema as object, { skipWriteOnly: true, skipNonRequired: false, quiet: true }, document)
  } catch {
    // A schema the sampler cannot follow (a cycle through required properties) still gets a response.
    return null
  }
}
