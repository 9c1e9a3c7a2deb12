import { Router } from 'express';
import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../machines';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit/audit-log';
import { authorize, currentUser } from '../http/current-user';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../http/validate';
import { logger } from '../logger';
import { teamsInView } from '../policies/permissions';
import { listTeams } from '../teams/team.repository';
import { billingReport } from './billing-report';
import { writeBillingCsv, writeBillingXlsx } from './billing-writers';
import { indicatorsReport } from './indicators-report';
import { billingQuerySchema, indicatorsQuerySchema, transitionsQuerySchema } from './schema';
import { toExportRows } from './transition-rows';
import { streamTransitions } from './transitions.repository';
import { CONTENT_TYPES, WRITERS } from './writers';

export function reportRoutes(context: AppContext): Router {
  const router = Router();

  // SPEC §2.5: beleid gets pseudonymised exports of the organisation; a teamleider of own teams.
  router.get('/reports/transitions', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(transitionsQuerySchema, req.query, 'query');
    const now = context.clock.now();
    // `to` arrives as the exclusive end of its (inclusive) last day, see inclusiveEndSchema.
    const to = query.to ? new Date(query.to) : now;
    const from = query.from
      ? new Date(query.from)
      : DateTime.fromJSDate(now, { zone: TIME_ZONE }).startOf('year').toJSDate();
    if (from >= to)
      throw new ValidationError('Invalid query: from', [
        { field: 'from', message: 'must be before to' },
      ]);

    const ownTeams = teamsInView(me);
    if (query.team && ownTeams && !ownTeams.includes(query.team)) throw new NotFoundError('Team');
    const teams = await listTeams(context.db, me.orgId);
    if (query.team && !teams.some((team) => team.id === query.team))
      throw new NotFoundError('Team');

    const rows = toExportRows(
      streamTransitions(context.db, {
        orgId: me.orgId,
        teamIds: query.team ? [query.team] : ownTeams,
        from,
        to,
        product: query.product,
      }),
      {
        secret: context.secret,
        orgId: me.orgId,
        teamNames: new Map(teams.map((team) => [team.id, team.name])),
      },
    );
    const day = (date: Date) => DateTime.fromJSDate(date, { zone: TIME_ZONE }).toISODate();
    res.setHeader('Content-Type', CONTENT_TYPES[query.format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="tredeovergangen_${day(from)}_${day(new Date(to.getTime() - 1))}.${query.format}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    let count: number;
    try {
      count = await WRITERS[query.format](rows, res);
    } catch (error) {
      // Headers are out: the only honest signal left is a broken download, never a truncated "success".
      logger.error({ err: error, format: query.format }, 'transitions export failed');
      res.destroy(error as Error);
      return;
    }
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'report.transitions',
      details: {
        format: query.format,
        from: from.toISOString(),
        to: to.toISOString(),
        team: query.team ?? null,
        product: query.product ?? null,
        rows: count,
      },
    });
  });

  router.get('/reports/indicators', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(indicatorsQuerySchema, req.query, 'query');
    const report = await indicatorsReport(context, me, query);
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'report.indicators',
      details: {
        ...report.period,
        asOf: report.asOf,
        team: report.team,
        opdrachtgever: report.opdrachtgever,
      },
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  router.get('/reports/billing', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(billingQuerySchema, req.query, 'query');
    const report = await billingReport(context, me, query);
    await recordAudit(context, {
      orgId: me.orgId,
      actorId: me.id,
      action: 'report.billing',
      details: {
        month: query.month,
        format: query.format,
        team: query.team ?? null,
        opdrachtgever: query.opdrachtgever ?? null,
        rows: report.rows.length,
      },
    });
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'json') {
      res.json(report);
      return;
    }
    res.setHeader('Content-Type', CONTENT_TYPES[query.format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="declaratie_${query.month}.${query.format}"`,
    );
    await (query.format === 'csv' ? writeBillingCsv : writeBillingXlsx)(report, res);
  });

  return router;
}
