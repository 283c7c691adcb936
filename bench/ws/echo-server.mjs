// A plain `ws` echo server in its own process, so its CPU is not billed to the client under test.
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }))
})
wss.on('listening', () => process.send?.({ port: wss.address().port }))
