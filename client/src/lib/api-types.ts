/**
 * The API's shapes, inferred from the server's own zod schemas (type-only imports: nothing of the
 * server reaches the bundle), so a change on the server breaks the client's typecheck, not a user.
 */
import type { z } from 'zod';
import type { OrganisationSettings } from '../../../machines';
import type {
  caseFileViewSchema,
  caseListItemView,
  createCaseBodySchema,
  listCasesQuerySchema,
} from '../../../server/cases/schema';
import type { auditListView } from '../../../server/audit/schema';
import type { opdrachtgeverView } from '../../../server/organisations/schema';
import type {
  billingViewSchema,
  indicatorsViewSchema,
  monthlyIndicatorsViewSchema,
} from '../../../server/reports/schema';
import type { caseloadViewSchema } from '../../../server/caseloads/schema';
import type { forecastViewSchema } from '../../../server/forecast/schema';
import type { signalItem } from '../../../server/signals/schema';
import type { teamViewSchema } from '../../../server/teams/schema';
import type {
  createTrajectoryBodySchema,
  eventBodySchema,
  trajectoryViewSchema,
} from '../../../server/trajectories/schema';
import type { userViewSchema } from '../../../server/users/schema';

export type User = z.infer<typeof userViewSchema>;
export type Team = z.infer<typeof teamViewSchema>;
export type Opdrachtgever = z.infer<typeof opdrachtgeverView>;
export type CaseFile = z.infer<typeof caseFileViewSchema>;
export type CaseListItem = z.infer<typeof caseListItemView>;
export type CaseListQuery = z.input<typeof listCasesQuerySchema>;
export interface CaseListPage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}
export type Trajectory = z.infer<typeof trajectoryViewSchema>;
export type HistoryEntryView = Trajectory['history'][number];
export type LadderEntryView = CaseFile['ladder'][number];
/** What the client sends: the body before the server's transforms (dates as strings). */
export type EventBody = z.input<typeof eventBodySchema>;
export type CreateTrajectoryBody = z.input<typeof createTrajectoryBodySchema>;
export type CreateCaseBody = z.input<typeof createCaseBodySchema>;
export interface SettingsView {
  settings: OrganisationSettings;
}
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
export type SignalItem = z.infer<typeof signalItem>;
export interface SignalsView {
  asOf: string;
  items: SignalItem[];
  counts: Record<string, number>;
}
export type Caseload = z.infer<typeof caseloadViewSchema>;
export type Forecast = z.infer<typeof forecastViewSchema>;
export type MonthlyIndicators = z.infer<typeof monthlyIndicatorsViewSchema>;
export type Billing = z.infer<typeof billingViewSchema>;
export type AuditPage = z.infer<typeof auditListView>;
export type Indicators = z.infer<typeof indicatorsViewSchema>;
