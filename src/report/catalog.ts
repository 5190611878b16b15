// The charts, in the order the report shows them: file name, title and builder of each.
import type { ChartDef } from './chart.ts';
import { historyRounds, historyThroughput, throughputVsN } from './charts-perf.ts';
import { messagesVsN, roundsVsN } from './charts-scaling.ts';
import { fanoutSweep, thresholdSweep } from './charts-sweeps.ts';
import { agreementByRound } from './charts-agreement.ts';
import { faultsOutcome, topologyRounds } from './charts-conditions.ts';
import { deployedInformedVsSeconds, deployedResidueVsK } from './charts-deployed.ts';
import { pluralityOutcome, rumorRoundsVsN } from './charts-protocols.ts';
import { seedClaimsRounds } from './charts-trials.ts';

/** Every chart `npm run charts` knows; each is drawn when its data is in the run (or history). */
export const CHARTS: readonly ChartDef[] = [
  { name: 'rounds-vs-n', title: 'Rounds to agreement against n', build: roundsVsN },
  { name: 'messages-vs-n', title: 'Messages against n', build: messagesVsN },
  { name: 'seed-claims-rounds', title: 'Rounds at the seed-claims points', build: seedClaimsRounds },
  { name: 'agreement-by-round', title: 'Agreement after each round', build: agreementByRound },
  { name: 'fanout-sweep', title: 'Fanout sweep', build: fanoutSweep },
  { name: 'threshold-sweep', title: 'Threshold sweep', build: thresholdSweep },
  { name: 'rumor-rounds-vs-n', title: 'Rumor spreading: rounds against n', build: rumorRoundsVsN },
  { name: 'plurality-outcome', title: 'Plurality: rounds and winner against opinions', build: pluralityOutcome },
  { name: 'faults-outcome', title: 'Faults: outcome and cost against fault level', build: faultsOutcome },
  { name: 'topology-rounds', title: 'Rounds and messages per topology', build: topologyRounds },
  { name: 'deployed-informed-vs-seconds', title: "memberlist: informed share against seconds, beside Serf's formula", build: deployedInformedVsSeconds },
  { name: 'deployed-residue-vs-k', title: 'Rumor mongering: residue and traffic against k', build: deployedResidueVsK },
  { name: 'throughput-vs-n', title: 'Engine throughput against n', build: throughputVsN },
  { name: 'history-throughput', title: 'Throughput across commits', build: historyThroughput },
  { name: 'history-rounds', title: 'Mean rounds across commits', build: historyRounds },
];

/** The chart file names, in report order. */
export const CHART_NAMES: readonly string[] = CHARTS.map((c) => c.name);
