import { CompiledQuery, type Compilable } from 'kysely';
import { PREPARED_TEXT, type Executor } from './database.ts';
import { withDates } from './json-rows.ts';

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
export function compileOnce<V extends Record<string, unknown>, O>(build: (db: Executor, values: V) => Compilable<O>, options: CompileOptions = {}) {
  const shapes = new Map<string, { sql: string; parameters: readonly Parameter[] }>();
  const bind = (db: Executor, values: V): { sql: string; parameters: unknown[] } => {
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
    return { sql: compiled.sql, parameters: compiled.parameters.map((p) => ('slot' in p ? values[p.slot] : p.constant)) };
  };
  const timestamps = options.timestamps ?? [];
  async function run(db: Executor, values: V): Promise<O[]> {
    const { sql, parameters } = bind(db, values);
    return (await db.executeQuery<O>(CompiledQuery.raw(sql, parameters))).rows;
  }
  /** The statement with these values, not run: to ride on another (runWithRiders). */
  run.bound = (db: Executor, values: V): BoundStatement<O> => ({ ...bind(db, values), fromJson: (rows) => withDates<O>(rows, timestamps) });
  return run;
}

export interface CompileOptions {
  /**
   * The timestamp columns of its rows: when the statement rides on another as a JSON column, they
   * arrive as ISO strings and are turned back into `Date` (see withDates for the other types).
   */
  timestamps?: readonly string[];
}

/** A statement compiled with its values, not yet run. */
export interface BoundStatement<O> {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Its rows as they come back through JSON, typed as when it runs alone. */
  fromJson(rows: readonly Record<string, unknown>[]): O[];
}

/** Merged statement texts by the texts they were made of; bounded like the prepared statements. */
const mergedTexts = new Map<string, string>();
const MERGED_TEXTS_MAX = 100;

/**
 * Runs `main` with each of `riders` as a JSON column of every row it returns: one statement, one
 * round trip, where separate statements would each pay a round trip to the database (on a machine
 * where the server and PostgreSQL share two cores, that send and wake-up was the largest single cost
 * of the customer 360 view). A rider is evaluated only if `main` returns a row; its rows come back
 * in its own ORDER BY order (an ordered subquery aggregated by a plain, non-parallel json_agg), typed
 * by its `fromJson`. A null rider is not read (its result is null).
 */
export async function runWithRiders<O>(db: Executor, main: BoundStatement<O>, riders: readonly (BoundStatement<unknown> | null)[]): Promise<{ row: O; riders: (unknown[] | null)[] }[]> {
  const present = riders.flatMap((r, i) => (r ? [{ rider: r, index: i }] : []));
  const key = [main.sql, ...present.map((p) => p.rider.sql)].join('\u0000');
  let text = mergedTexts.get(key);
  if (!text) {
    let offset = main.parameters.length;
    const columns = present.map(({ rider }, k) => {
      const column = `(SELECT coalesce(json_agg(r), '[]'::json) FROM (${renumbered(rider.sql, offset)}) AS r) AS anxin_rider_${k}`;
      offset += rider.parameters.length;
      return column;
    });
    text = `SELECT main.*${columns.map((c) => `, ${c}`).join('')} FROM (${unmarked(main.sql)}) AS main ${PREPARED_TEXT}`;
    if (mergedTexts.size < MERGED_TEXTS_MAX) mergedTexts.set(key, text);
  }
  const parameters = [...main.parameters, ...present.flatMap((p) => p.rider.parameters)];
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters));
  return rows.map((merged) => {
    const row: Record<string, unknown> = { ...merged };
    const out: (unknown[] | null)[] = riders.map(() => null);
    present.forEach(({ rider, index }, k) => {
      out[index] = rider.fromJson(merged[`anxin_rider_${k}`] as Record<string, unknown>[]);
      delete row[`anxin_rider_${k}`];
    });
    return { row: row as O, riders: out };
  });
}

const unmarked = (text: string) => (text.endsWith(PREPARED_TEXT) ? text.slice(0, -PREPARED_TEXT.length) : text);

/**
 * The statement with its placeholders $1, $2, … moved up by `offset`, outside its quoted literals
 * (the text between the odd and even `'`; a doubled `''` inside a literal keeps the count even).
 * Refused if a literal holds a `$`: the statements Kysely compiles hold their values as parameters,
 * so such a literal was written by hand and might be read as a placeholder elsewhere.
 */
function renumbered(text: string, offset: number) {
  return unmarked(text)
    .split("'")
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      if (part.includes('$')) throw new Error(`runWithRiders: a literal of "${text.slice(0, 80)}…" holds a $; its placeholders cannot be renumbered safely`);
      return part;
    })
    .join("'");
}
