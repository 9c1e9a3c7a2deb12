/** The client's clock, injected so that tests set the day (STYLE: time is injected). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
