import { Types } from 'mongoose';
import request from 'supertest';
import { caseReportContent, caseReportOf } from '../../server/case-store/case-report';
import * as reportRepository from '../../server/case-store/case-report.repository';
import { caseReportRecordOf } from '../../server/case-store/case-report.repository';
import { findCaseForSystem } from '../../server/case-store/case.repository';
import { withClosedHistoriesOf } from '../../server/case-store/trajectory-archive.repository';
import { bearer, createTestUser } from '../support/auth';
import {
  createCaseViaApi,
  createCaseworkTeam,
  createTrajectoryViaApi,
  sendEvent,
  type TestTeam,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';
import { dropSummaryCheckpoint } from '../../server/case-store/summary-checkpoint.repository';

// The report write can be made to fail once (an error between the case write and its report).
jest.mock('../../server/case-store/case-report.repository', () => {
  const actual = jest.requireActual<typeof reportRepository>(
    '../../server/case-store/case-report.repository',
  );
  return { ...actual, writeCaseReports: jest.fn(actual.writeCaseReports) };
});
const mockedWrite = reportRepository.writeCaseReports as jest.MockedFunction<
  typeof reportRepository.writeCaseReports
>;

const NOW = '2026-06-01T10:00:00.000Z';

describe('case reports: the read model of the transitions export and the indicators (decision 046)', () => {
  let server: TestServer;
  let team: TestTeam;
  let beleid: string;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    team = await createCaseworkTeam(server);
    beleid = (await createTestUser(server, { role: 'beleid', orgId: team.team.orgId })).token;
  });
  afterAll(async () => server.close());

  const reports = () => server.context.db.collection('case_reports');
  const storedReport = (caseId: string) => reports().findOne({ _id: new Types.ObjectId(caseId) });
  async function expectReportOfCase(caseId: string): Promise<void> {
    const record = await findCaseForSystem(server.context.db, caseId);
    const stored = await storedReport(caseId);
    expect(stored).not.toBeNull();
    expect(caseReportContent(caseReportRecordOf(stored as never))).toBe(
      caseReportContent(caseReportOf(await withClosedHistoriesOf(server.context.db, record!))),
    );
  }
  const caseVersion = async (caseId: string) =>
    (await findCaseForSystem(server.context.db, caseId))!.version;

  /** A case on trede 1 with an ONT trajectory towards 2, and a sender for its events. */
  async function ontCase() {
    const created = await createCaseViaApi(server, team, {
      trede: 1,
      assessedAt: '2025-06-02T09:00:00Z',
    });
    const trajectory = await createTrajectoryViaApi(server, team.begeleider.token, created.id, {
      product: 'ONT',
      targetTrede: 2,
      registeredAt: '2025-06-05T09:00:00Z',
    });
    let version = trajectory.version;
    const send = async (body: Record<string, unknown>) => {
      const response = await sendEvent(server, team.begeleider.token, trajectory.id, {
        ...body,
        expectedVersion: version,
      });
      expect({ type: body.type, status: response.status }).toEqual({
        type: body.type,
        status: 200,
      });
      version = response.body.version;
    };
    return { caseId: created.id, send };
  }

  it('follows every write that changes what reports read, and a contact writes nothing', async () => {
    const { caseId, send } = await ontCase();
    await expectReportOfCase(caseId);
    await send({ type: 'START', occurredAt: '2025-06-10T09:00:00Z' });
    await expectReportOfCase(caseId);
    const afterStart = (await storedReport(caseId))!.version as number;
    expect(afterStart).toBe(await caseVersion(caseId));

    await send({
      type: 'RECORD_CONTACT',
      note: 'Kennismaking',
      minutes: 60,
      occurredAt: '2025-06-12T10:00:00Z',
    });
    // The case moved on; its report document was not rewritten and still says the same.
    expect(await caseVersion(caseId)).toBe(afterStart + 1);
    expect((await storedReport(caseId))!.version).toBe(afterStart);
    await expectReportOfCase(caseId);

    await send({ type: 'ASSESS_TREDE', trede: 2, occurredAt: '2025-09-01T10:00:00Z' });
    expect((await storedReport(caseId))!.version).toBe(await caseVersion(caseId));
    await expectReportOfCase(caseId);
  });

  it('a failed report write is redone before this process answers a report', async () => {
    const { caseId, send } = await ontCase();
    await send({ type: 'START', occurredAt: '2025-06-10T09:00:00Z' });
    mockedWrite.mockRejectedValueOnce(new Error('simulated: the report write failed'));
    await send({ type: 'ASSESS_TREDE', trede: 2, occurredAt: '2025-09-01T10:00:00Z' });
    // The report document really is behind the case now (no step in its ladder)…
    const behind = caseReportRecordOf((await storedReport(caseId)) as never);
    expect(behind.ladder).toHaveLength(1);
    // …and the export repairs it first: the step is in the answer.
    const exported = await request(server.app)
      .get(
        `/api/v1/reports/transitions?team=${team.team.id}&from=2025-09-01&to=2025-09-01&format=ndjson`,
      )
      .set(bearer(beleid))
      .expect(200);
    const rows = exported.text.split('\n').filter(Boolean);
    expect(rows.map((row) => JSON.parse(row) as { from: number; to: number })).toContainEqual(
      expect.objectContaining({ from: 1, to: 2 }),
    );
    await expectReportOfCase(caseId);
  });

  it('the next start rebuilds missing and stale documents; a full pass removes those of vanished cases', async () => {
    const stale = await ontCase();
    const missing = await ontCase();
    const before = await storedReport(stale.caseId);
    await stale.send({ type: 'START', occurredAt: '2025-06-10T09:00:00Z' });
    // What a crash right after the case writes leaves: the previous document, or none at all.
    await reports().replaceOne({ _id: before!._id }, before!);
    await reports().deleteOne({ _id: new Types.ObjectId(missing.caseId) });
    const vanished = new Types.ObjectId();
    await reports().insertOne({ ...before!, _id: vanished });

    // A start after a checkpoint (decision 045) checks the cases written since: both of them.
    const restarted = await startTestServer({ now: NOW, database: server.database });
    try {
      await expectReportOfCase(stale.caseId);
      await expectReportOfCase(missing.caseId);
      // Cases are never deleted, so only a full pass (no checkpoint) looks for orphans.
      expect(await reports().findOne({ _id: vanished })).not.toBeNull();
    } finally {
      await restarted.close();
    }
    await dropSummaryCheckpoint(server.context.db);
    const fullPass = await startTestServer({ now: NOW, database: server.database });
    try {
      expect(await reports().findOne({ _id: vanished })).toBeNull();
      await expectReportOfCase(stale.caseId);
    } finally {
      await fullPass.close();
    }
  });
});
