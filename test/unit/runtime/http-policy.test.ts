import { describe, expect, test } from 'vitest'
import { detectResponseType, isJsonType, isStreamed, mediaType } from '../../../runtime/http/media-type'
import { shouldRefreshAndReplay, type ReplayFacts } from '../../../runtime/policy/auth-replay'
import { credentialOrigins, originOf } from '../../../runtime/policy/credential-origins'
import { idempotencyKeyFor } from '../../../runtime/policy/idempotency'

describe('credentialOrigins: who may receive credentials', () => {
  test.each([
    ['https://API.example.com:443/v1?x=1', 'https://api.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://user:pw@example.com/a', 'https://example.com'],
    ['/v1', undefined],
    ['https://', undefined],
    ['not a url', undefined],
    ['', undefined],
  ])('originOf(%j) is %j', (url, origin) => {
    expect(originOf(url)).toBe(origin)
  })

  test('servers, the base URL and the named origins, each once; relative and broken URLs add nothing', () => {
    const origins = credentialOrigins(['https://a.example/v1', '/relative', undefined, 'https://a.example/v2', 'http://b.example:81'], ['https://c.example'])
    expect([...origins].sort()).toEqual(['http://b.example:81', 'https://a.example', 'https://c.example'])
    expect([...credentialOrigins([])]).toEqual([])
  })
})

describe('shouldRefreshAndReplay: the 401 replay rule', () => {
  const yes: ReplayFacts = { status: 401, withAuth: true, refreshable: true, refreshed: false, replayable: true }
  test('a 401 to a credentialed, refreshable, replayable first try replays', () => {
    expect(shouldRefreshAndReplay(yes)).toBe(true)
  })
  test.each<[string, Partial<ReplayFacts>]>([
    ['another status', { status: 403 }],
    ['a success', { status: 200 }],
    ['no credentials were sent (another origin)', { withAuth: false }],
    ['no strategy can refresh', { refreshable: false }],
    ['already refreshed once in this call', { refreshed: true }],
    ['a stream body cannot be sent again', { replayable: false }],
  ])('no replay for %s', (_, change) => {
    expect(shouldRefreshAndReplay({ ...yes, ...change })).toBe(false)
  })
})

describe('idempotencyKeyFor: which calls send an Idempotency-Key', () => {
  test.each<[string, string | true | undefined, boolean | undefined, string | true | undefined]>([
    ['POST', undefined, undefined, undefined],
    ['POST', undefined, true, true],
    ['PATCH', undefined, true, true],
    ['post', undefined, true, true],
    ['GET', undefined, true, undefined],
    ['PUT', undefined, true, undefined],
    ['DELETE', undefined, true, undefined],
    ['POST', 'k-1', undefined, 'k-1'],
    ['GET', 'k-2', false, 'k-2'],
    ['GET', true, undefined, true],
  ])('%s with call key %j and client-wide %j → %j', (method, call, clientWide, expected) => {
    expect(idempotencyKeyFor(method, call, clientWide)).toBe(expected)
  })
})

describe('media types: one answer to "is this JSON"', () => {
  test.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/problem+json', true],
    ['application/vnd.api+json;v=2', true],
    [' application/json ', true],
    ['application/jsonp', false],
    ['text/json', false],
    ['application/x-ndjson', false],
    ['text/plain', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('isJsonType(%j) is %j', (type, json) => {
    expect(isJsonType(type)).toBe(json)
  })

  test.each([
    ['application/json', 'json'],
    ['application/hal+json', 'json'],
    ['text/event-stream; charset=utf-8', 'sse'],
    ['text/csv', 'text'],
    ['application/xml', 'text'],
    ['image/svg+xml', 'text'],
    ['application/x-www-form-urlencoded', 'text'],
    [null, 'text'],
    ['image/png', 'blob'],
    ['application/octet-stream', 'blob'],
  ] as const)('a %j body is read as %s', (type, as) => {
    expect(detectResponseType(type)).toBe(as)
  })

  test.each([
    ['stream', 'application/json', true],
    ['sse', null, true],
    [undefined, 'text/event-stream', true],
    [undefined, 'Text/Event-Stream; charset=utf-8', true],
    [undefined, 'application/json', false],
    ['json', 'text/event-stream', false],
    [undefined, null, false],
  ] as const)('responseType %j with %j is streamed to the caller: %j', (responseType, type, streamed) => {
    expect(isStreamed(responseType ?? detectResponseType(type))).toBe(streamed)
  })

  test('mediaType drops parameters and case', () => {
    expect(mediaType('Text/HTML; charset=UTF-8')).toBe('text/html')
    expect(mediaType(null)).toBe('')
  })
})
