import type { Indicators } from '../../lib/api-types';

/**
 * What each tile means, in Dutch, after docs/reporting.md (the definitions there are the
 * reference; these are their short form for a policy advisor, one click away from the number).
 * The shape is the server's indicatorsViewSchema (lib/api-types.ts).
 */

/** One cell of the from→to matrix. */
export type Pair = Indicators['ladder']['matrix'][number];

/** A share as a Dutch percentage with one decimal (0,8333 → 83,3%); no denominator: —. */
export const formatShare = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1).replace('.', ',')}%`;

export interface Tile {
  key: string;
  label: string;
  value: string;
  definition: string;
}

/** The tiles in the order a council report reads them. */
export function indicatorTiles(data: Indicators): Tile[] {
  const closed = Object.values(data.trajectories.closedByOutcome).reduce((a, b) => a + b, 0);
  return [
    {
      key: 'steps.transitions',
      label: 'Stappen omhoog op de ladder',
      value: String(data.steps.transitions),
      definition:
        'Aantal tredeovergangen naar een hogere trede in de periode (wie ook mat), op de datum van de meting.',
    },
    {
      key: 'steps.clients',
      label: 'Deelnemers met een stap',
      value: String(data.steps.clients),
      definition: 'Verschillende deelnemers met minstens één stap omhoog in de periode.',
    },
    {
      key: 'activation.share',
      label: 'Activering',
      value: formatShare(data.activation.share),
      definition: `Deel van de deelnemers in de caseload (${data.activation.cases}) met een open traject (${data.activation.withTrajectory}) aan het eind van de periode.`,
    },
    {
      key: 'trajectories.started',
      label: 'Trajecten gestart',
      value: String(data.trajectories.started),
      definition: 'START-gebeurtenissen met een datum in de periode.',
    },
    {
      key: 'trajectories.closed',
      label: 'Trajecten afgesloten',
      value: String(closed),
      definition:
        'Trajecten afgesloten in de periode, naar uitkomst; een afgerond Herontdekken telt als ‘afgerond’.',
    },
    {
      key: 'trajectories.achievedWithinLimit',
      label: 'Stap behaald binnen de termijn',
      value: String(data.trajectories.achievedWithinLimit),
      definition:
        'Ontwikkeltraject-stappen behaald vóór de termijn (opschorting en verlenging meegerekend).',
    },
    {
      key: 'trajectories.achievedAfterLimit',
      label: 'Stap behaald na de termijn',
      value: String(data.trajectories.achievedAfterLimit),
      definition: 'Stappen behaald terwijl de termijn al verlopen was.',
    },
    {
      key: 'trajectories.becameOverdue',
      label: 'Termijn verlopen',
      value: String(data.trajectories.becameOverdue),
      definition:
        'Trajecten waarvan de termijn in de periode verliep (Ontwikkeltraject, Herontdekken).',
    },
    {
      key: 'trajectories.droppedOut',
      label: 'Uitval',
      value: String(data.trajectories.droppedOut),
      definition: 'Vastgelegde uitval in de periode.',
    },
    {
      key: 'outflow.toPaidWork',
      label: 'Uitstroom naar betaald werk',
      value: String(data.outflow.toPaidWork),
      definition: 'Overgangen van onder trede 5 naar trede 5 of 6.',
    },
    {
      key: 'outflow.durable',
      label: 'Duurzame uitstroom',
      value: `${data.outflow.durable.stillAtFiveOrMore} van ${data.outflow.durable.reached}`,
      definition: `Deelnemers die een jaar na het bereiken van trede 5 of hoger daar nog staan. Nog niet bekend: ${data.outflow.durable.notYetKnown}.`,
    },
    {
      key: 'reentry.reentered',
      label: 'Terugkeer binnen 6 maanden',
      value: `${data.reentry.reentered} van ${data.reentry.closed}`,
      definition: `Afgesloten trajecten gevolgd door een nieuw traject binnen 6 maanden. Nog niet bekend: ${data.reentry.notYetKnown}.`,
    },
  ];
}
