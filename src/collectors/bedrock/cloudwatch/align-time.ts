/** The start of the `step`-second bucket holding `time` (UTC epoch seconds). */
export function alignDown(time: number, step: number): number {
  return time - (((time % step) + step) % step);
}

/** The first `step`-second boundary at or after `time`. */
export function alignUp(time: number, step: number): number {
  const down = alignDown(time, step);
  return down === time ? time : down + step;
}
