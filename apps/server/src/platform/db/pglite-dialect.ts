import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { StatementNames } from './statement-names.ts';

type BackendMessages = Awaited<ReturnType<PGlite['execProtocolStream']>>;
const { serialize } = protocol;

/**
 * A Kysely dialect for PGlite that hands out its single connection to one holder at a time.
 * PGlite is one session: without this mutex two concurrent requests would interleave their
 * statements inside each other's transactions (the `kysely-pglite` driver does exactly that).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(private readonly client: PGlite) {
    this.connection = new PGliteConnection(client);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => next);
    await previous;
    this.connection.release = release;
    return this.connection;
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as PGliteConnection).release?.();
  }
  async destroy() {
    await this.client.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  private readonly prepared: PGlitePreparedStatements;
  private readonly names = new StatementNames();
  constructor(private readonly client: PGlite) {
    this.prepared = new PGlitePreparedStatements(client);
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.parameters.length === 0 && /;\s*\S/.test(compiled.sql)) {
      // A parameterless script with several statements (a migration) needs the simple protocol.
      const results = await this.client.exec(compiled.sql);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as R[] };
    }
    const name = compiled.parameters.length > 0 ? this.names.nameOf(compiled.sql) : undefined;
    const result = name ? await this.prepared.run<R>(name, compiled.sql, compiled.parameters) : await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined,
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

/**
 * Named prepared statements of a PGlite session, as the `pg` pool keeps them on PostgreSQL:
 * `client.query` parses, describes and plans its text on every call (an unnamed statement always
 * gets a custom plan), which for the customer 360 view's one statement costs more than running it.
 * `run` parses and describes a name's text once, then only binds and executes it — with PGlite's own
 * value serializers and result parsers, so rows are exactly what `query` returns. The caller names
 * the texts (`StatementNames`) and keeps their number bounded.
 */
export class PGlitePreparedStatements {
  /** Parameter types of the statements prepared in the session, by name. */
  private readonly types = new Map<string, number[]>();
  constructor(private readonly client: PGlite) {}

  async run<R>(name: string, text: string, parameters: readonly unknown[]): Promise<{ rows: R[]; affectedRows?: number }> {
    const send = (message: Uint8Array) => this.client.execProtocolStream(message, { syncToFs: false });
    return this.client.runExclusive(async () => {
      const messages: BackendMessages = [];
      try {
        let types = this.types.get(name);
        if (!types) {
          await send(serialize.parse({ name, text }));
          types = parse.parseDescribeStatementResults(await send(serialize.describe({ type: 'S', name })));
          this.types.set(name, types);
        }
        const values = parameters.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = this.client.serializers[types[i]!];
          return serializer ? serializer(value) : String(value);
        });
        messages.push(...(await send(serialize.bind({ statement: name, values }))), ...(await send(serialize.describe({ type: 'P' }))), ...(await send(serialize.execute({}))));
      } finally {
        messages.push(...(await send(serialize.sync())));
      }
      await this.client.syncToFs();
      const [result] = parse.parseResults(messages, this.client.parsers);
      return { rows: (result?.rows ?? []) as R[], affectedRows: result?.affectedRows };
    });
  }
}
