/**
 * Runs `task` once `waitMs` after the last call; a call while it runs schedules one more run, so a
 * burst of saves ends with exactly one write of the final state. Timers are injectable for tests.
 */
export function debounce(
  task: () => Promise<unknown>,
  waitMs: number,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): { (): void; flush(): Promise<void>; postpone(): void } {
  let handle: unknown
  let running: Promise<void> | undefined
  let again = false
  const run = async (): Promise<void> => {
    handle = undefined
    if (running) {
      again = true
      return running
    }
    running = task()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        running = undefined
      })
    await running
    if (again) {
      again = false
      await run()
    }
  }
  const schedule = (): void => {
    if (handle !== undefined) timers.clear(handle)
    handle = timers.set(() => void run(), waitMs)
  }
  // Pushes a scheduled run back by `waitMs`; nothing when none is scheduled.
  schedule.postpone = (): void => {
    if (handle !== undefined) schedule()
  }
  schedule.flush = async (): Promise<void> => {
    if (handle !== undefined) {
      timers.clear(handle)
      await run()
    } else if (running) await running
  }
  return schedule
}
