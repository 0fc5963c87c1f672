/**
 * When each survey worker task started its own work, in memory shared by the event loop and the worker threads:
 * the worker writes the time into the task's slot, the event loop reads it when the task's timer fires. Telling
 * the event loop by a message instead (a MessageChannel per task, transferred with it) cost it a measurable share
 * of each submission.
 */
export interface TaskStamps {
  /** Milliseconds since the epoch (Date.now()); 0 while the task waits in the queue or compiles its version. */
  readonly started: BigInt64Array;
}

export function createTaskStamps(slots: number): TaskStamps {
  return { started: new BigInt64Array(new SharedArrayBuffer(slots * BigInt64Array.BYTES_PER_ELEMENT)) };
}

export function markStarted(stamps: TaskStamps, slot: number): void {
  Atomics.store(stamps.started, slot, BigInt(Date.now()));
}

/** When the task in `slot` started, or null while it has not. */
export function startedAt(stamps: TaskStamps, slot: number): number | null {
  const at = Atomics.load(stamps.started, slot);
  return at === 0n ? null : Number(at);
}

export function clearStamp(stamps: TaskStamps, slot: number): void {
  Atomics.store(stamps.started, slot, 0n);
}
