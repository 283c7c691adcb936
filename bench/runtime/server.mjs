// Loopback JSON server for the HTTP client benchmark, run as a separate process so its CPU is not
// counted as the client's. Prints its port on stdout.
import { createServer } from 'node:http'

const body = JSON.stringify({ id: 1, name: 'rex', tags: ['a', 'b'], owner: { id: 7, name: 'al' } })
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body))
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
