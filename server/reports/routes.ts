import { Router } from 'express';
import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../machines';
import type { AppContext } from '../app-context';
import { authorize, currentUser } from '../http/current-user';
import { parseInput } from '../http/validate';
import { logger } from '../logger';
import { billingReport } from './use-cases/billing-report';
import { writeBillingCsv, writeBillingXlsx } from './billing-writers';
import { indicatorsReport } from './use-cases/indicators-report';
import { monthlyIndicatorsReport } from './use-cases/monthly-indicators-report';
import {
  billingQuerySchema,
  indicatorsQuerySchema,
  monthlyIndicatorsQuerySchema,
  transitionsQuerySchema,
} from './schema';
import { exportTransitions } from './use-cases/export-transitions';
import { CONTENT_TYPES, WRITERS } from './writers';

export function reportRoutes(context: AppContext): Router {
  const router = Router();

  // SPEC §2.5: beleid gets pseudonymised exports of the organisation; a teamleider of own teams.
  router.get('/reports/transitions', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(transitionsQuerySchema, req.query, 'query');
    const { rows, from, to, recordExport } = await exportTransitions(context, me, query);
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
    await recordExport(count);
  });

  router.get('/reports/indicators', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(indicatorsQuerySchema, req.query, 'query');
    const report = await indicatorsReport(context, me, query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  router.get('/reports/indicators/monthly', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(monthlyIndicatorsQuerySchema, req.query, 'query');
    const report = await monthlyIndicatorsReport(context, me, query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  router.get('/reports/billing', authorize('exportTransitions'), async (req, res) => {
    const me = currentUser(req);
    const query = parseInput(billingQuerySchema, req.query, 'query');
    const report = await billingReport(context, me, query);
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
