import { describe, expect, test } from 'vitest'
import { redactHeaders, redactText, redactUrl, UNSAFE_REVEAL_SECRETS } from '../../../runtime/log/redact'

describe('redactUrl', () => {
  test.each([
    ['https://api.x/pets?limit=1', 'https://api.x/pets?limit=1'],
    ['https://u:p@api.x/a', 'https://REDACTED:REDACTED@api.x/a'],
    ['https://api.x/a?access_token=abc&limit=2', 'https://api.x/a?access_token=REDACTED&limit=2'],
    [
      'https://api.x/a?token=1&key=2&api_key=3&apiKey=4&sig=5&X-Goog-Signature=6&client_secret=7&password=8',
      'https://api.x/a?token=REDACTED&key=REDACTED&api_key=REDACTED&apiKey=REDACTED&sig=REDACTED&X-Goog-Signature=REDACTED&client_secret=REDACTED&password=REDACTED',
    ],
    ['https://api.x/a?a%5Ftoken=1#frag?token=x', 'https://api.x/a?a%5Ftoken=REDACTED#frag?token=x'],
    ['https://api.x/a?flag&limit=1', 'https://api.x/a?flag&limit=1'],
    ['https://api.x/a?%E0%A4%A=1', 'https://api.x/a?%E0%A4%A=1'],
    ['/relative?token=1', '/relative?token=REDACTED'],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected)
  })

  test('declared API-key names, and the opt-out', () => {
    expect(redactUrl('https://a.x/?appid=1&q=2', { query: ['APPID'] })).toBe('https://a.x/?appid=REDACTED&q=2')
    expect(redactUrl('https://u:p@a.x/?token=1', { unsafeRevealSecrets: UNSAFE_REVEAL_SECRETS })).toBe('https://u:p@a.x/?token=1')
  })

  test('URLs inside free text', () => {
    expect(redactText('failed: http://u:p@h/x?token=1 and ftp://h/y?sig=2.')).toBe(
      'failed: http://REDACTED:REDACTED@h/x?token=REDACTED and ftp://h/y?sig=REDACTED.',
    )
  })
})

describe('redactHeaders', () => {
  test('well-known, token-like and declared names; Headers, objects and entries', () => {
    const expected = { authorization: 'REDACTED', cookie: 'REDACTED', 'x-app-token': 'REDACTED', 'x-custom': 'REDACTED', accept: 'application/json' }
    const input = { Authorization: 'Bearer x', Cookie: 'a=1', 'X-App-Token': 't', 'X-Custom': 'k', Accept: 'application/json', skipped: undefined }
    expect(redactHeaders(input, { headers: ['x-custom'] })).toEqual(expected)
    expect(redactHeaders(new Headers(Object.entries(input).filter((e): e is [string, string] => e[1] !== undefined)), { headers: ['X-Custom'] })).toEqual(
      expected,
    )
    expect(redactHeaders([['Set-Cookie', 'sid=1']])).toEqual({ 'set-cookie': 'REDACTED' })
    expect(redactHeaders(undefined)).toEqual({})
    expect(redactHeaders({ authorization: 'x' }, { unsafeRevealSecrets: UNSAFE_REVEAL_SECRETS })).toEqual({ authorization: 'x' })
  })

  // The well-known list is short because the token-like rule catches the rest: this pins both.
  const known = ['Proxy-Authorization', 'X-Api-Key', 'Api-Key', 'X-Auth-Token', 'X-Access-Token', 'X-Csrf-Token', 'X-Amz-Security-Token', 'X-Goog-Signature']
  test.each(known)('%s is redacted', (name) => {
    expect(redactHeaders({ [name]: 'secret-value', 'x-design': 'kept' })).toEqual({ [name.toLowerCase()]: 'REDACTED', 'x-design': 'kept' })
  })
})
