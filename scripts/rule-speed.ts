// The generic rule kernel's speed against the built-in majority kernels: ns per agent-round of
// the seed's majority written as a rule (examples/majority-rule.ts's rule) and of the built-in
// `majority` on its default layout and on bytes, timed alternately, median of the repetitions.
// Usage: npm run rule-speed -- [--n 1000000] [--fanout 5] [--reps 7] [--rounds 3]
import { parseArgs } from 'node:util';
import { createSimulation, defineRule, planTrial, stepRound, type Layout, type TrialPlan } from '../src/engine/index.ts';

const { values } = parseArgs({ options: { n: { type: 'string' }, fanout: { type: 'string' }, reps: { type: 'string' }, rounds: { type: 'string' } } });
const n = Number(values.n ?? 1e6);
const fanout = Number(values.fanout ?? 5);
const reps = Number(values.reps ?? 7);
const rounds = Number(values.rounds ?? 3);

const tally = new Int32Array(256);
const majority = defineRule({
  name: 'seed-majority',
  opinions: 255,
  contacts: { kind: 'distinct' },
  update(own, answers, count) {
    tally[own]!++;
    for (let j = 0; j < count; j++) tally[answers[j]!]!++;
    let best = own;
    for (let j = 0; j < count; j++) if (tally[answers[j]!]! > tally[best]!) best = answers[j]!;
    tally[own] = 0;
    for (let j = 0; j < count; j++) tally[answers[j]!] = 0;
    return best;
  },
});

/** ns per agent-round of `rounds` rounds of `plan` (a near-balanced start keeps every round busy). */
function time(plan: TrialPlan, layout: Layout | undefined, seed: number): number {
  const sim = createSimulation(plan, seed, layout === undefined ? {} : { layout });
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) stepRound(sim);
  return Number(process.hrtime.bigint() - t0) / (n * rounds);
}

const base = { n, fanout, start: 'near-balanced' as const, maxRounds: 1000 };
const variants: [string, TrialPlan, Layout | undefined][] = [
  ['built-in majority (default layout)', planTrial(base), undefined],
  ['built-in majority (bytes, binary kernel)', planTrial(base), 'bytes'],
  ['majority as a rule (generic kernel)', planTrial({ ...base, rule: majority }), undefined],
];
const samples = variants.map(() => [] as number[]);
for (let rep = 0; rep < reps; rep++) variants.forEach(([, plan, layout], i) => samples[i]!.push(time(plan, layout, rep + 1)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ruleNs = median(samples[2]!);
for (const [i, [name]] of variants.entries()) {
  const m = median(samples[i]!);
  process.stdout.write(`${name.padEnd(42)} ${m.toFixed(2)} ns/agent-round (median of ${reps}; all: ${samples[i]!.map((x) => x.toFixed(1)).join(' ')})${i < 2 ? `, rule/this = ${(ruleNs / m).toFixed(2)}x` : ''}\n`);
}
