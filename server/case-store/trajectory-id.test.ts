import { caseIdOfTrajectory, nextTrajectoryId, trajectoryIdFor } from './trajectory-id';

const CASE = '6b038ed3cdd017570b68e656';

describe('trajectory ids', () => {
  it('carry their case id', () => {
    expect(caseIdOfTrajectory(trajectoryIdFor(CASE, 3))).toBe(CASE);
  });

  it('count the case’s trajectories, open and closed', () => {
    expect(nextTrajectoryId({ id: CASE, openTrajectory: null, closedTrajectories: [] })).toBe(
      `${CASE}-1`,
    );
    expect(nextTrajectoryId({ id: CASE, openTrajectory: {}, closedTrajectories: [{}] })).toBe(
      `${CASE}-3`,
    );
  });

  it('refuse anything else', () => {
    for (const id of [
      '',
      CASE,
      `${CASE}-0`,
      `${CASE}-x`,
      `${CASE.toUpperCase()}-1`,
      `{"$ne":1}`,
      `${CASE}-1-1`,
    ]) {
      expect(caseIdOfTrajectory(id)).toBeNull();
    }
  });
});
