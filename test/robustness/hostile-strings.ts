import fc from 'fast-check'
import { encodePointerSegment, type JsonObject } from '../../src/spec/document'

/** Set by any payload that manages to run: it must stay undefined after importing generated code. */
export const SENTINEL = '__codomyrmexPwned'
const RUN = `globalThis.${SENTINEL}=1`

/** Strings that have broken code generators: comment, string and template terminators, HTML, line breaks, JS names. */
export const HOSTILE: string[] = [
  '*/',
  `*/ ${RUN}; /*`,
  '`',
  `\${${RUN}}`,
  `\`+${RUN}+\``,
  `'`,
  `'); ${RUN}; //`,
  '"',
  `"); ${RUN}; ("`,
  '\\',
  '\\u0022',
  '\\"',
  'line\nbreak',
  `x\n${RUN}\n`,
  '\r\n',
  `</script><script>${RUN}</script>`,
  '<!--',
  '-->',
  '\u2028',
  `a\u2029${RUN}`,
  '\0',
  'nul\u0000inside',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'then',
  'hasOwnProperty',
  'default',
  'class',
  'await',
  'yield',
  'let',
  'eval',
  'arguments',
  'undefined',
  'import',
  'export',
  '$api',
  '$createApi',
  'configure',
  'createClient',
  'paths',
  'components',
  '',
  ' ',
  '123',
  '1st',
  '%',
  '%E0%A4%A',
  '#/x',
  '~0~1',
  '{id}',
  '}{',
  '?q=1#frag',
  '../../etc/passwd',
  'x'.repeat(10_000),
  '\ud800',
  '😀',
  'ǅ',
  'Ⅻ',
  'ﬀ',
]

/** Names that differ only in case or punctuation: each must get its own export. */
export const LOOKALIKES = ['list-pets', 'list_pets', 'listPets', 'ListPets', 'list pets', 'list.pets', 'LIST_PETS', 'list$pets', '_listPets', 'listPets2']

const FRAGMENTS = [
  '*/',
  '/*',
  '`',
  '${',
  '}',
  '{',
  "'",
  '"',
  '\\',
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\0',
  '</script>',
  '<!--',
  '__proto__',
  'constructor',
  RUN,
  ';',
  ')',
  '(',
  '#',
  '?',
  '%',
  '~',
  '/',
  ' ',
  'a',
  'Z',
  '0',
  '$',
]

/** Random strings built from the fragments above mixed with arbitrary UTF-16 (lone surrogates included). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...FRAGMENTS.join('').split('')), maxLength: 24 }),
)

// `%` and `#` are escaped in the fragment; anything else (lone surrogates too) stays as written.
const refTo = (section: string, name: string): string => `#/components/${section}/${encodePointerSegment(name).replace(/[%#]/g, encodeURIComponent)}`

/**
 * A document with `s` in every position that reaches generated code: info, servers, tags,
 * security scheme names, schema and property names, enum values, defaults, examples,
 * descriptions, operationIds (two that collide once made identifiers), path text, parameter names.
 */
export function hostileDocument(s: string): JsonObject {
  const property = { type: 'string', enum: [s, 'plain'], default: s, example: s, description: s, title: s }
  return {
    openapi: '3.0.3',
    info: { title: s, version: s, description: s },
    servers: [{ url: `http://127.0.0.1:1/${s}`, description: s, variables: { [s]: { default: s, enum: [s], description: s } } }],
    tags: [{ name: s, description: s }],
    security: [{ [s]: [] }],
    components: {
      securitySchemes: {
        [s]: { type: 'apiKey', in: 'header', name: s, description: s },
        [`${s}.oauth`]: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `https://127.0.0.1:1/${s}`, scopes: { [s]: s } } } },
      },
      schemas: {
        [s]: { type: 'object', description: s, properties: { [s]: property, nested: { type: 'array', items: property } }, required: [s], example: { [s]: s } },
        [`${s}Alias`]: { $ref: refTo('schemas', s) },
        [`${s}Enum`]: { type: 'string', enum: [s, `${s}2`], default: s },
      },
    },
    paths: {
      [`/h/${s}/{id}`]: {
        summary: s,
        get: {
          operationId: s,
          summary: s,
          description: s,
          tags: [s],
          parameters: [
            { name: 'id', in: 'path', required: true, description: s, schema: { type: 'string', example: s } },
            { name: s, in: 'query', description: s, schema: property, example: s },
            { name: s, in: 'header', schema: { type: 'string' } },
            { name: s, in: 'cookie', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: s, content: { 'application/json': { schema: { $ref: refTo('schemas', `${s}Alias`) }, example: { [s]: s } } } },
            default: { description: s, content: { 'text/plain': { schema: { type: 'string', default: s } } } },
          },
        },
        post: {
          // Unique as the specification requires, yet the same export name as `get` for many strings.
          operationId: `${s} `,
          description: s,
          tags: [s, 'plain'],
          requestBody: {
            description: s,
            content: {
              'application/json': { schema: { type: 'object', properties: { [s]: property } } },
              'multipart/form-data': { schema: { type: 'object', properties: { [s]: { type: 'string' } } }, encoding: { [s]: { contentType: 'text/plain' } } },
            },
          },
          responses: { '204': { description: s } },
        },
      },
      // The parameter name as written in the template: braces and slashes would end or split it.
      [`/n/{${s.replace(/[{}/]/g, '_')}}`]: {
        get: {
          parameters: [{ name: s.replace(/[{}/]/g, '_'), in: 'path', required: true, schema: { type: 'string', default: s } }],
          responses: { '204': { description: s } },
        },
      },
    },
  }
}
