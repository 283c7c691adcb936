// JSON media types (`application/json`, `application/problem+json`, …); "*/*" is served as JSON.
export function isJson(contentType: string): boolean {
  return /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType) || contentType === '*/*'
}
