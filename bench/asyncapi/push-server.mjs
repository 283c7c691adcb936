// A `ws` server in its own process (its CPU is not billed to the client under test) that, on a
// text frame `go <n>`, pushes n Slack RTM frames as fast as `ws` sends them: four `message` frames,
// then one `channel_marked` (another message of the document), repeated.
import { WebSocketServer } from 'ws'

const message = JSON.stringify({ type: 'message', channel: 'C2147483705', user: 'U2147483697', text: 'Hello world', ts: '1355517523.000005' })
const marked = JSON.stringify({ type: 'channel_marked', channel: 'C2147483705', ts: '1401383885.000061' })
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const n = Number(String(data).slice(3))
    for (let i = 0; i < n; i++) socket.send(i % 5 === 4 ? marked : message)
  })
})
wss.on('listening', () => process.send?.({ port: wss.address().port }))
