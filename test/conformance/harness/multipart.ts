/** One part of a multipart/form-data body, as the server received it. */
export interface Part {
  name: string
  filename?: string
  contentType?: string
  body: string
}

/** Splits a raw multipart body by the boundary of its content type (enough for assertions). */
export function parseMultipart(contentType: string | undefined, body: Buffer): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  if (!boundary) throw new Error(`not multipart: ${contentType}`)
  const marker = `--${boundary[1] ?? boundary[2]}`
  const text = body.toString('latin1')
  const parts: Part[] = []
  for (const chunk of text.split(marker).slice(1)) {
    if (chunk.startsWith('--')) break
    const end = chunk.indexOf('\r\n\r\n')
    const head = chunk.slice(2, end)
    const content = chunk.slice(end + 4, -2)
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? ''
    const part: Part = { name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '', body: Buffer.from(content, 'latin1').toString('utf8') }
    const filename = /filename="([^"]*)"/.exec(disposition)?.[1]
    if (filename !== undefined) part.filename = filename
    const type = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]
    if (type !== undefined) part.contentType = type
    parts.push(part)
  }
  return parts
}
