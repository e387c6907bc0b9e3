export { ForecastJob, DEFAULT_HORIZON, type EngineFn, type ForecastJobDeps } from './job';
export { NightlyScheduler, systemClock, type SchedulerClock, type ScheduledTrigger } from './scheduler';
export { scheduleState, lastScheduledAt, nextScheduledAt } from './schedule';
export { explainForecast, methodLabel, monthPattern, type ForecastFacts } from './explain';
