import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDocument } from '../../../src/spec/checks'
import { prepareSpec } from '../../../src/spec/prepare'
import networking from '../../../src/index'

const SPECS = resolve(__dirname, '../../fixtures/specs')
const FILE = join(SPECS, 'bad-servers.yaml')

const position = async (marker: string): Promise<{ line: number; column: number }> => {
  const lines = (await readFile(FILE, 'utf8')).split('\n')
  const index = lines.findIndex((l) => l.includes(marker))
  return { line: index + 1, column: lines[index]!.indexOf(marker) + 1 }
}

/** An invalid server URL or header name breaks one operation at most: a located warning, not an error. */
describe('located warnings for servers and header names', () => {
  it('an absolute server URL that does not parse, and a header parameter name that is no token', async () => {
    const spec = await prepareSpec('bad', FILE, [])
    const broken = await position("url: 'https://'")
    const templated = await position("url: 'https://{host}/v2'")
    const header = await position('name: header param')
    expect(spec.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'warning',
          file: FILE,
          line: broken.line,
          pointer: '/paths/~1broken/get/servers/0/url',
          message: 'server URL "https://" is not a valid URL: calls of the operations that use it fail before sending unless the client is given a baseUrl',
        }),
        expect.objectContaining({
          line: templated.line,
          pointer: '/paths/~1templated/servers/0/url',
          message: expect.stringContaining(`server URL "https://{host}/v2" is not a valid URL (with its variables' defaults: "https://bad host/v2")`),
        }),
        expect.objectContaining({
          line: header.line,
          pointer: '/paths/~1templated/get/parameters/0/name',
          message: expect.stringContaining('header parameter name "header param" is not a valid HTTP header name'),
        }),
      ]),
    )
    expect(spec.warnings.filter((w) => /server URL "http:\/\/127/.test(w.message))).toEqual([])
    for (const w of spec.warnings) expect(w.column, w.message).toBeGreaterThan(0)
  })

  it('an apiKey scheme whose header or cookie name is no token; a query name may be anything', async () => {
    const spec = await prepareSpec('bad', FILE, [])
    const spaced = await position("name: 'X Api Key'")
    const crumbs = await position("name: 'a;b'")
    const schemes = spec.warnings.filter((w) => w.pointer?.startsWith('/components/securitySchemes/'))
    expect(schemes).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: FILE,
        line: spaced.line,
        pointer: '/components/securitySchemes/spaced/name',
        message: expect.stringContaining('apiKey security scheme "spaced" sends its key in the header "X Api Key", which is not a valid header name'),
      }),
      expect.objectContaining({
        line: crumbs.line,
        pointer: '/components/securitySchemes/crumbs/name',
        message: expect.stringContaining('fails with ERR_CONFIGURATION'),
      }),
    ])
    for (const w of spec.warnings) expect(w.column, w.message).toBeGreaterThan(0)
  })

  it('a Swagger 2 apiKey definition in a header is checked too; $refs and other schemes are left alone', () => {
    const findings = checkDocument({
      swagger: '2.0',
      securityDefinitions: {
        bad: { type: 'apiKey', in: 'header', name: 'X Key(1)' },
        good: { type: 'apiKey', in: 'header', name: 'X-Key' },
        query: { type: 'apiKey', in: 'query', name: 'a b' },
        basic: { type: 'basic' },
      },
      components: { securitySchemes: { ref: { $ref: '#/securityDefinitions/bad' } } },
    })
    expect(findings).toEqual([
      {
        pointer: '/securityDefinitions/bad/name',
        severity: 'warning',
        message: expect.stringContaining('apiKey security scheme "bad" sends its key in the header "X Key(1)"'),
      },
    ])
  })

  it('the plugin reports them in a real esbuild build as file:line:column at pointer, and still builds', async () => {
    const esbuild = await import('esbuild')
    const result = await esbuild.build({
      stdin: { contents: "export * from 'virtual:api/bad-servers'", resolveDir: SPECS, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      external: ['@codomyrmex/networking/runtime/internal'],
      logLevel: 'silent',
      plugins: [networking.esbuild({ dir: SPECS, dts: false, cacheDir: false })],
    })
    const texts = result.warnings.map((w) => w.text)
    const { line, column } = await position("url: 'https://'")
    const key = await position("name: 'X Api Key'")
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${FILE}:${line}:${column} at /paths/~1broken/get/servers/0/url: server URL "https://" is not a valid URL`),
        expect.stringContaining(`${FILE}:${key.line}:${key.column} at /components/securitySchemes/spaced/name: apiKey security scheme "spaced"`),
      ]),
    )
    expect(result.outputFiles?.[0]?.text).toContain('"https://"')
  })
})
