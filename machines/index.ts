/**
 * The public API of Trede's workflow rules (STYLE: one explicit entry; server and client import
 * only this file). Pure: no I/O, no Express, mongoose or React.
 */
export type {
  Trede,
  ProductCode,
  MachineId,
  TrajectoryStateKey,
  Role,
  CloseOutcome,
  TrajectoryOutcome,
  HerontdekkenRoute,
  ReviewDecision,
  ClientEvent,
  ClientEventType,
  SystemEvent,
  TrajectoryEvent,
  TrajectoryEventType,
  Actor,
  SignalCode,
  SignalThresholds,
  ProductSettings,
  ProductFamily,
  CatalogueCode,
  OrganisationSettings,
  PersistedTrajectory,
  HistoryEntry,
  TredeTransitionDraft,
  TrajectorySummary,
  RejectionCode,
  Rejection,
  FollowUpTrajectory,
  EngineOutcome,
  EngineResult,
} from './types';

export { LADDER, TREDEN, isTrede, tredeName } from './ladder';
export { ROLES, TRAJECTORY_STATE_KEYS } from './vocabulary';
export { actsOnCases } from './permissions';
export {
  CATALOGUE_CODE_PATTERN,
  DEFAULT_SETTINGS,
  MACHINE_OF_FAMILY,
  MACHINE_OF_PRODUCT,
  PRODUCT_CODES,
  PRODUCT_FAMILIES,
  builtInFollowUpCode,
  catalogueCodes,
  enabledProduct,
  fitsFollowUpRoute,
  isCatalogueCode,
  isProductCode,
  offeredProducts,
  resolveSettings,
  tariffAt,
  tariffsOf,
  type ProductOverride,
  type SettingsOverrides,
  type TariffPeriod,
  type VariantDefinition,
} from './products';
export {
  TIME_ZONE,
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  extendDeadline,
  lastDayBefore,
  localDateOf,
  normalizeInstant,
  periodEndAfter,
  shiftDeadline,
  startOfLocalDay,
  windowDeadline,
  type LocalDate,
} from './calendar';
export { ontwikkeltrajectMachine } from './ontwikkeltraject';
export { stabielMachine } from './stabiel';
export { herontdekkenMachine } from './herontdekken';
export { MACHINE_IDS, isMachineId } from './machine-ids';
export { machineFor, stateKeysOf, type TrajectoryMachine } from './machine-registry';
export type {
  MachineEvent,
  TrajectoryContext,
  TrajectoryInput,
  TrajectoryTerms,
} from './trajectory-context';
export {
  UnreadableTrajectoryError,
  applyEvent,
  createTrajectory,
  describeTrajectory,
  sweepDeadline,
} from './engine';
export {
  computeSignals,
  signalBounds,
  signalsWithin,
  NO_ACTIVITY_EXEMPT_STATES,
  SIGNAL_CODES,
  type SignalBounds,
} from './signals';
export { CURRENT_MACHINE_VERSIONS, migrateSnapshot } from './migrations';
export { machineGraph, renderMachineDiagram, type MachineGraph } from './diagrams';
export { chronologyFloor } from './ladder-chronology';
export { assessTrede, type AssessmentResult } from './assessment';
export { replayTrajectory, type ReplayInput } from './replay';
export { CLOSE_OUTCOMES, HERONTDEKKEN_ROUTES, REVIEW_DECISIONS } from './event-payload';
export { roleMaySend } from './permissions';
export {
  FORECAST_KINDS,
  bucketDeadlines,
  forecastKindOf,
  forecastWeeks,
  isoWeekOf,
  type ForecastBuckets,
  type ForecastCounts,
  type ForecastKind,
  type ForecastTrajectory,
  type ForecastWeek,
} from './forecast';
export { ALWAYS_SIGNALLED_MS, signalFromBound, signalFromOf } from './signal-from';
