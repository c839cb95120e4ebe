import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './database.ts';

/** Stands for one named value while a query is compiled; found again, by identity, among the compiled parameters. */
class Slot {
  constructor(readonly key: string) {}
}

type Parameter = { slot: string } | { constant: unknown };

/**
 * A query that Kysely builds and compiles once per shape, then runs with each call's values.
 *
 * Building a query with a long select list and compiling it costs Kysely about as much CPU as
 * node-postgres spends sending and parsing it: under the customer 360 load it was 15–20 % of the
 * server's CPU, for statements whose text never changes — only their values do. `build` receives
 * placeholders in place of `values` and must pass each one through unchanged as a value of the query
 * (no string concatenation, no `sql.raw`, no arrays for `in`); a placeholder that does not come out as
 * a parameter of the compiled statement is an error at the first call, not a wrong query.
 *
 * The shape is which keys `values` has: `build` may branch on whether a key is present (a scope
 * with or without an owner), never on a value. Constants the builder adds stay constants.
 */
export function compileOnce<V extends Record<string, unknown>, O>(build: (db: Executor, values: V) => Compilable<O>) {
  const shapes = new Map<string, { sql: string; parameters: readonly Parameter[] }>();
  return async function run(db: Executor, values: V): Promise<O[]> {
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    const shape = keys.sort().join(',');
    let compiled = shapes.get(shape);
    if (!compiled) {
      const slots = Object.fromEntries(keys.map((k) => [k, new Slot(k)])) as unknown as V;
      const query = build(db, slots).compile();
      const parameters: Parameter[] = query.parameters.map((p) => (p instanceof Slot ? { slot: p.key } : { constant: p }));
      const lost = keys.filter((k) => !parameters.some((p) => 'slot' in p && p.slot === k));
      if (lost.length > 0) throw new Error(`compileOnce: ${lost.join(', ')} did not become parameters of the statement (${query.sql.slice(0, 80)}…)`);
      compiled = { sql: query.sql, parameters };
      shapes.set(shape, compiled);
    }
    const parameters = compiled.parameters.map((p) => ('slot' in p ? values[p.slot] : p.constant));
    return (await db.executeQuery<O>(CompiledQuery.raw(compiled.sql, parameters))).rows;
  };
}
