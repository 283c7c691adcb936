// One sleep for the whole runtime: the client's (abortable, on injectable timers).
export { sleep } from '../http/scope'
