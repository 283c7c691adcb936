// Rewrites every fence that follows `<!-- example: <path> -->` in the documentation with the
// current content of <path>: edit the example file, run `node test/docs/sync-docs.mjs`, and
// test/docs/docs-examples.test.ts stays green.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DOCS = ['README.md', 'SPEC.md', 'AGENTS.md', 'docs/API_SPECIFICATION.md', 'docs/USAGE_EXAMPLES.md']
const MARKER = /<!-- example: ([^\s]+) -->\s*\n```(\w+)\n[\s\S]*?```/g

for (const doc of DOCS) {
  const path = join(ROOT, doc)
  const before = readFileSync(path, 'utf8')
  const after = before.replace(MARKER, (_, file, lang) => `<!-- example: ${file} -->\n\`\`\`${lang}\n${readFileSync(join(ROOT, file), 'utf8')}\`\`\``)
  if (after !== before) {
    writeFileSync(path, after)
    console.log(`updated ${doc}`)
  }
}
