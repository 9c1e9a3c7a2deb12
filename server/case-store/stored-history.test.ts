import {
  decodeHistory,
  encodeHistory,
  encodeHistoryEntry,
  isEncoded,
  openTrajectoryOf,
  storedOpenTrajectory,
} from './stored-history';
import type { StoredHistoryEntry, TrajectoryRecord } from './case.types';

const contact: StoredHistoryEntry = {
  type: 'RECORD_CONTACT',
  occurredAt: new Date('2026-03-02T09:00:00.000Z'),
  recordedAt: new Date('2026-03-02T09:05:12.345Z'),
  actorId: 'u1',
  actorRole: 'begeleider',
  fromState: 'active',
  toState: 'active',
  payload: { note: 'Gesprek "thuis" — met ë en \n regel', minutes: 30, fraction: 0.5 },
  flags: ['late'],
};

describe('open history entries as texts (decision 067)', () => {
  it('reads back every field with its type, dates in the payload included', () => {
    const assessed: StoredHistoryEntry = {
      ...contact,
      type: 'ASSESS_TREDE',
      payload: { trede: 3, assessedAt: new Date('2026-02-01T00:00:00.000Z'), nothing: null },
      flags: [],
    };
    const decoded = decodeHistory(encodeHistory([contact, assessed]));
    expect(decoded).toEqual([contact, assessed]);
    expect(decoded[1]!.payload.assessedAt).toBeInstanceOf(Date);
    expect(decoded[0]!.occurredAt).toBeInstanceOf(Date);
  });

  it('writes the schema’s fields in its order with its defaults, whatever the input', () => {
    const sparse = {
      type: 'START',
      occurredAt: contact.occurredAt,
      recordedAt: contact.recordedAt,
      toState: 'active',
      flags: undefined,
    } as unknown as StoredHistoryEntry;
    const text = encodeHistoryEntry(sparse);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'type',
      'occurredAt',
      'recordedAt',
      'actorId',
      'actorRole',
      'fromState',
      'toState',
      'payload',
      'flags',
    ]);
    expect(decodeHistory([text])[0]).toEqual({
      ...sparse,
      actorId: null,
      actorRole: null,
      fromState: null,
      payload: {},
      flags: [],
    });
    // The same entry always gives the same text, so a rewritten history compares equal.
    expect(encodeHistoryEntry(decodeHistory([text])[0]!)).toBe(text);
  });

  it('reads entries stored as objects by earlier versions, in order with the texts', () => {
    const mixed = [contact, encodeHistoryEntry({ ...contact, type: 'CLOSE', toState: 'closed' })];
    expect(isEncoded(mixed)).toBe(false);
    expect(decodeHistory(mixed).map((entry) => entry.type)).toEqual(['RECORD_CONTACT', 'CLOSE']);
    expect(isEncoded(encodeHistory([contact]))).toBe(true);
    expect(decodeHistory(undefined)).toEqual([]);
  });

  it('converts a whole open trajectory both ways without touching its other fields', () => {
    const trajectory = {
      id: 't1',
      version: 4,
      snapshotJson: '{"value":"active"}',
      history: [contact],
    } as unknown as TrajectoryRecord;
    const stored = storedOpenTrajectory(trajectory);
    expect(stored.history).toEqual([encodeHistoryEntry(contact)]);
    expect(stored.snapshotJson).toBe(trajectory.snapshotJson);
    expect(openTrajectoryOf(stored)).toEqual(trajectory);
  });
});
