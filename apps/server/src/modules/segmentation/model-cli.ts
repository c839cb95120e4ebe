// `anxin model train|score`: what the command prints and writes, given a database and an actor
// (cli.ts parses the arguments and opens the database).
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../platform/actor.ts';
import type { ModuleDeps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { getActiveModel, listModelScores, scoreModel, trainModel } from './model.service.ts';

export interface ModelCommandIo {
  print: (line: string) => void;
  fail: (line: string) => void;
}

function reportDomainError(error: unknown, io: ModelCommandIo): number {
  if (!(error instanceof DomainError)) throw error;
  io.fail(`${error.code}: ${error.message}`);
  for (const e of error.errors.slice(0, 20)) if (!error.message.includes(e.message)) io.fail(`  ${e.field}: ${e.message}`);
  return 1;
}

/** Trains a version and prints its held-out figures and weights; exit 0, or 1 on a domain error. */
export async function runModelTrain(deps: ModuleDeps, actor: Actor, input: { name: string; target: string; where?: string | undefined }, io: ModelCommandIo): Promise<number> {
  try {
    const model = await trainModel(deps, actor, input);
    const m = model.metrics;
    io.print(`Model ${model.name} version ${model.version}${model.active ? ' (active)' : ' (not active; activate it to use it)'}: ${m.trainRows} training and ${m.testRows} held-out customers, base rate ${(m.baseRate * 100).toFixed(1)}%.`);
    io.print(`Held-out AUC ${m.auc.toFixed(3)}; lift top 5% ${m.lift.top5.toFixed(2)}, top 10% ${m.lift.top10.toFixed(2)}, top 20% ${m.lift.top20.toFixed(2)}.`);
    io.print('Features (weight per standard deviation, strongest first):');
    for (const f of [...model.features].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))) io.print(`  ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(3)}  ${f.name}`);
    return 0;
  } catch (error) {
    return reportDomainError(error, io);
  }
}

/**
 * Scores the customers with the active version of a name and writes the top K to a CSV file: rank,
 * customer id, masked name, score, reasons. Exit 0, or 1 on a domain error (no active version, bad filter).
 */
export async function runModelScore(deps: ModuleDeps, actor: Actor, input: { name: string; where?: string | undefined; top: number; out: string }, io: ModelCommandIo): Promise<number> {
  try {
    const model = await getActiveModel(deps, actor, input.name);
    const result = await scoreModel(deps, actor, model.id, { where: input.where });
    const ranked = await listModelScores(deps, actor, model.id, { top: input.top }, 'export');
    const rows = ranked.items.map((s, i) => [
      i + 1,
      s.customer.id,
      s.customer.name,
      s.score.toFixed(6),
      s.contributions.map((c) => `${c.name}=${c.value} (+${c.contribution.toFixed(3)})`).join('; '),
    ]);
    writeFileSync(input.out, stringify([['rank', 'customer_id', 'name', 'score', 'top_reasons'], ...rows]));
    io.print(`Scored ${result.scored} customer(s) with ${model.name} version ${model.version}; the top ${rows.length} written to ${input.out} (names masked).`);
    return 0;
  } catch (error) {
    return reportDomainError(error, io);
  }
}
