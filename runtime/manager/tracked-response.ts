/**
 * Calls `done` once the response's body has been read to the end, cancelled or failed, so the
 * manager knows when a request stops being abortable. The body is piped through a new stream;
 * the Response keeps its status, headers, url, redirected and type. A read error goes through
 * `mapError` (the manager names its own abort). Responses without a body
 * (HEAD, 204, 304), and ones the Response constructor cannot rebuild, end at once.
 */
export function trackResponse(response: Response, done: () => void, mapError: (error: unknown) => unknown = (e) => e): Response {
  const source = response.body
  if (source === null || response.status < 200 || response.status > 599) {
    done()
    return response
  }
  let finished = false
  const finish = (): void => {
    if (!finished) {
      finished = true
      done()
    }
  }
  const reader = source.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read()
        if (chunk.done) {
          finish()
          controller.close()
        } else controller.enqueue(chunk.value)
      } catch (error) {
        finish()
        controller.error(mapError(error))
      }
    },
    cancel(reason) {
      finish()
      return reader.cancel(reason)
    },
  })
  const tracked = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
  Object.defineProperties(tracked, {
    url: { value: response.url },
    redirected: { value: response.redirected },
    type: { value: response.type },
  })
  return tracked
}
