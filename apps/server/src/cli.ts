import { ConfigError, loadConfig } from './config.ts';
import { openAndMigrate, readVersion, startServer, stopServer } from './main.ts';
import { verifyAuditChain } from './modules/audit/index.ts';

/** Output of the `anxin` command (the CLI's own output, not a log). */
const print = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

const HELP = `anxin — the Anxin insurance CRM server

Usage:
  anxin serve [--demo]   start the server and console (PORT, default 3000); --demo loads the demo insurer
  anxin demo             same as: anxin serve --demo
  anxin migrate          apply database migrations and exit
  anxin audit verify     walk the audit hash chain; exit code 1 and the first broken link if tampered
  anxin help             this text

Configuration comes from the environment; see the README's configuration table.
Without DATABASE_URL the embedded database lives in ANXIN_DATA_DIR (default ./data).
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async serve(args) {
    const { app, database } = await startServer({ demo: args.includes('--demo'), print });
    const shutdown = async (signal: string) => {
      print(`\n${signal}: shutting down…`);
      await stopServer(app, database);
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    return new Promise<number>(() => {}); // run until a signal
  },
  async demo(args) {
    return commands.serve!(['--demo', ...args]);
  },
  async migrate() {
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, print);
    await database.close();
    print('Database is up to date.');
    return 0;
  },
  async audit(args) {
    if (args[0] !== 'verify') {
      fail('Usage: anxin audit verify');
      return 2;
    }
    const config = loadConfig(undefined, readVersion());
    const database = await openAndMigrate(config, () => {});
    try {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        print(`Audit chain intact: ${result.checked} event(s) verified.`);
        return 0;
      }
      fail(`Audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.checked} event(s) before it verified).`);
      return 1;
    } finally {
      await database.close();
    }
  },
  async help() {
    print(HELP);
    return 0;
  },
};

export async function runCli(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    fail(`Unknown command "${name}".\n`);
    fail(HELP);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(error.message);
      return 78; // EX_CONFIG
    }
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
