/**
 * The targets of a `Link` header (RFC 8288 §3) whose `rel` includes `relation`, in header order.
 * A hand-written scanner rather than a regex: targets may hold `,` and `;`, parameter values may be
 * quoted strings holding them too, `rel` is a space-separated, case-insensitive list and only its
 * first occurrence counts (§3.3). Malformed members are skipped, never guessed at.
 */
export function linkTargets(header: string | null | undefined, relation: string): string[] {
  const found: string[] = []
  if (!header) return found
  const wanted = relation.toLowerCase()
  let i = 0
  const n = header.length
  while (i < n) {
    const open = header.indexOf('<', i)
    if (open < 0) break
    const close = header.indexOf('>', open + 1)
    if (close < 0) break
    const target = header.slice(open + 1, close).trim()
    i = close + 1
    let rels: string[] | undefined
    // Parameters up to the comma that ends this link-value.
    while (i < n && header[i] !== ',') {
      if (header[i] !== ';') {
        i++
        continue
      }
      i++
      const nameStart = i
      while (i < n && !'=;,'.includes(header[i]!)) i++
      const name = header.slice(nameStart, i).trim().toLowerCase()
      let value = ''
      if (header[i] === '=') {
        i++
        while (header[i] === ' ' || header[i] === '\t') i++
        if (header[i] === '"') {
          i++
          while (i < n && header[i] !== '"') {
            if (header[i] === '\\') i++
            value += header[i] ?? ''
            i++
          }
          i++
        } else {
          const start = i
          while (i < n && header[i] !== ';' && header[i] !== ',') i++
          value = header.slice(start, i).trim()
        }
      }
      if (name === 'rel' && rels === undefined) rels = value.toLowerCase().split(/[ \t]+/)
    }
    i++
    if (target && rels?.includes(wanted)) found.push(target)
  }
  return found
}
