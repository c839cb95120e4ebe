// Bench set-up: loads the generated claims, complaints and interactions (claims.csv, complaints.csv,
// interactions.csv from `anxin generate`) into the real tables, so that the claim queue, the
// complaint desk and the 360 view run over the book at scale. There is no import kind for them.
// Set-based: each file is streamed once into an unlogged staging table (COPY on PostgreSQL,
// multi-row INSERTs of 1,000 rows on PGlite), with ids, encrypted fields and the fields the
// generator leaves out made on the way; one INSERT … SELECT per table then joins the customers
// (by external id), policies (by number) and units (by code) and writes the rows as the modules
// would. Not written: claim events, clocks and documents; complaint records (the four records).
// The complaint clock sweep runs at the end, as the background job would have, so that the desk
// starts in its steady state.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sweepComplaintClocks } from '../apps/server/src/modules/complaints/index.ts';
import type { FieldCipher } from '../apps/server/src/platform/crypto/field-encryption.ts';
import type { Database, Db } from '../apps/server/src/platform/db/database.ts';
import { newId } from '../apps/server/src/platform/ids.ts';

export interface ActivityLoad {
  rows: { claims: number; claimInvoices: number; complaints: number; interactions: number };
  /** Rows of the files whose customer or policy is not in the database (rejected at import). */
  skipped: { claims: number; complaints: number; interactions: number };
  /** Complaints whose clocks the sweep marked (warnings, breaches, moves up a tier). */
  swept: number;
  seconds: number;
  /** Seconds per step: staging (read, encrypt, COPY), INSERT … SELECT, VACUUM (ANALYZE), clock sweep. */
  phases: { stage: number; insert: number; analyze: number; sweep: number };
}

interface Staging {
  table: string;
  columns: string[];
  file: string;
  /** One staging row from the CSV fields of one line. */
  row(fields: string[]): (string | number | null)[];
}

const BATCH = 1_000;
/** Decision clock of a new complaint: 15 calendar days from receipt (complaint-clocks.ts, CBIRC order 2020 No. 3). */
const DECISION_DAYS = 15;
const CHANNELS = ['phone', 'counter', 'portal', 'wechat'] as const;
const HOSPITALS = ['浙江大学医学院附属第一医院', '宁波市第一医院', '广州市第一人民医院', '深圳市人民医院', '四川大学华西医院', '绵阳市中心医院'];
const DIAGNOSES = ['J18.9', 'K35.8', 'S82.0', 'I10', 'E11.9', 'N20.0'];
const SUBJECTS: Record<string, string> = {
  claims: '理赔处理时间过长',
  sales: '销售时对产品收益说明不实',
  service_attitude: '服务人员态度不好',
  underwriting: '核保结论迟迟未出',
  surrender_loss: '退保损失超出预期',
  other: '其他服务问题',
};

/** Loads the three files from `dir` (see the file header); `databaseUrl` is the PostgreSQL database, for COPY. */
export async function loadActivity(database: Database, databaseUrl: string | undefined, cipher: FieldCipher, dir: string): Promise<ActivityLoad> {
  const started = performance.now();
  let mark = started;
  const lap = () => {
    const now = performance.now();
    const seconds = Math.round(now - mark) / 1000;
    mark = now;
    return seconds;
  };
  const db = database.db;
  const stagings = stagingTables(cipher, dir);
  for (const s of stagings) {
    await sql.raw(`DROP TABLE IF EXISTS ${s.table}; CREATE UNLOGGED TABLE ${s.table} (${s.columns.join(', ')})`).execute(db);
  }
  const staged: Record<string, number> = {};
  for (const s of stagings) staged[s.table] = database.driver === 'postgres' ? await copyInto(databaseUrl!, s) : await insertInto(db, s);
  const stage = lap();

  const claims = await sql`
    WITH adjuster AS (
      -- The nearest claims adjuster of each unit (reportClaim's pickAdjuster, without the load balance).
      SELECT DISTINCT ON (u.id) u.id AS unit_id, s.id, s.display_name
      FROM org_unit u
      JOIN org_unit su ON u.path LIKE su.path || '%'
      JOIN staff s ON s.org_unit_id = su.id AND s.status = 'active' AND 'claims_adjuster' = ANY (s.roles)
      ORDER BY u.id, length(su.path) DESC, s.username
    )
    INSERT INTO claim (customer_id, id, claim_no, policy_id, product_id, line, status, channel, reported_at, incident_at, incident_kind, incident_enc,
      amount_claimed_fen, amount_approved_fen, amount_paid_fen, assignee_id, assignee_name, org_unit_id, org_path, agent_id, owner_agent_id,
      green_channel, denial_reason, approved_at, closed_at, created_by_name, created_at, updated_at)
    SELECT cu.id, st.id, st.claim_no, p.id, p.product_id, pr.line, st.status, st.channel, st.reported_at, st.incident_at, st.incident_kind, st.incident_enc,
      st.amount_claimed_fen,
      CASE st.status WHEN 'closed' THEN st.amount_paid_fen WHEN 'paying' THEN st.amount_claimed_fen END,
      st.amount_paid_fen,
      a.id, a.display_name,
      ou.id, ou.path, p.agent_id, cu.owner_agent_id,
      cu.tier = 'platinum',
      CASE WHEN st.status = 'denied' THEN '不属于保险责任范围' END,
      CASE WHEN st.status IN ('paying', 'closed') THEN least(st.reported_at + interval '10 days', now()) END,
      CASE WHEN st.status IN ('closed', 'denied', 'withdrawn') THEN least(st.reported_at + interval '20 days', now()) END,
      'bench', st.reported_at,
      CASE WHEN st.status IN ('closed', 'denied', 'withdrawn') THEN least(st.reported_at + interval '20 days', now()) ELSE st.reported_at END
    FROM bench_stage_claim st
    JOIN policy p ON p.policy_no = st.policy_no
    JOIN product pr ON pr.id = p.product_id
    JOIN customer cu ON cu.external_id = st.insured_external_id
    JOIN org_unit ou ON ou.id = p.org_unit_id
    LEFT JOIN adjuster a ON a.unit_id = ou.id`.execute(db);
  // Every invoice of a medical claim, so that it is never paid twice.
  const invoices = await sql`
    INSERT INTO claim_invoice (customer_id, claim_id, invoice_no, amount_fen)
    SELECT c.customer_id, c.id, st.invoice_no, c.amount_claimed_fen
    FROM bench_stage_claim st JOIN claim c ON c.id = st.id
    WHERE st.invoice_no IS NOT NULL`.execute(db);
  const complaints = await sql`
    INSERT INTO complaint (customer_id, id, complaint_no, channel, category, sub_reason, severity, regulator_ref, subject, description_enc, status,
      home_unit_id, home_path, org_unit_id, org_path, tier, received_at, due_at, decided_at, customer_response, responded_at, closed_at,
      created_by_name, created_at, updated_at)
    SELECT cu.id, st.id, st.complaint_no, st.channel, st.category, st.sub_reason, 'normal',
      CASE WHEN st.channel = 'regulator' THEN 'BENCH-' || st.complaint_no END,
      st.subject, st.description_enc, st.status,
      home.id, home.path,
      -- A regulator transfer starts at the province branch (startsAtProvince).
      start.id, start.path, CASE start.level WHEN 'hq' THEN 'hq' WHEN 'province' THEN 'province' ELSE 'city' END,
      st.received_at, st.received_at + make_interval(days => ${DECISION_DAYS}),
      CASE WHEN st.status IN ('decided', 'closed') THEN least(st.received_at + interval '10 days', now()) END,
      CASE WHEN st.status = 'closed' THEN 'accepts' END,
      CASE WHEN st.status = 'closed' THEN least(st.received_at + interval '12 days', now()) END,
      CASE WHEN st.status IN ('closed', 'withdrawn') THEN least(st.received_at + interval '12 days', now()) END,
      'bench', st.received_at,
      CASE WHEN st.status IN ('closed', 'withdrawn') THEN least(st.received_at + interval '12 days', now()) ELSE st.received_at END
    FROM bench_stage_complaint st
    JOIN customer cu ON cu.external_id = st.customer_external_id
    JOIN org_unit home ON home.code = st.org_unit_code
    JOIN org_unit start ON start.id = CASE WHEN st.channel = 'regulator' AND home.level = 'city' THEN home.parent_id ELSE home.id END`.execute(db);
  const interactions = await sql`
    INSERT INTO interaction (customer_id, id, channel, direction, staff_id, occurred_at, summary, created_at)
    SELECT cu.id, st.id, st.channel, st.direction,
      CASE WHEN st.direction = 'outbound' AND st.channel <> 'bot' THEN cu.owner_agent_id END,
      st.occurred_at, st.summary, st.occurred_at
    FROM bench_stage_interaction st
    JOIN customer cu ON cu.external_id = st.customer_external_id`.execute(db);

  for (const s of stagings) await sql.raw(`DROP TABLE ${s.table}`).execute(db);
  const insert = lap();
  // VACUUM as well: otherwise autovacuum works through millions of new rows while the server is measured.
  await sql`VACUUM (ANALYZE) claim, claim_invoice, complaint, interaction`.execute(db);
  const analyze = lap();

  // The background sweep would have marked the clocks of the older open complaints by now.
  let swept = 0;
  for (let round = 0; round < 10_000; round++) {
    const changed = await sweepComplaintClocks({ db, cipher });
    swept += changed;
    if (changed === 0) break;
  }
  const sweep = lap();

  const count = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0);
  const rows = { claims: count(claims), claimInvoices: count(invoices), complaints: count(complaints), interactions: count(interactions) };
  return {
    rows,
    skipped: {
      claims: staged.bench_stage_claim! - rows.claims,
      complaints: staged.bench_stage_complaint! - rows.complaints,
      interactions: staged.bench_stage_interaction! - rows.interactions,
    },
    swept,
    seconds: (performance.now() - started) / 1000,
    phases: { stage, insert, analyze, sweep },
  };
}

function stagingTables(cipher: FieldCipher, dir: string): Staging[] {
  return [
    {
      // claim_no,policy_no,insured_external_id,line,incident_at,reported_at,status,amount_claimed_fen,amount_paid_fen
      table: 'bench_stage_claim',
      columns: ['id uuid', 'claim_no text', 'policy_no text', 'insured_external_id text', 'channel text', 'incident_at timestamptz', 'reported_at timestamptz', 'status text', 'amount_claimed_fen bigint', 'amount_paid_fen bigint', 'incident_kind text', 'incident_enc text', 'invoice_no text'],
      file: path.join(dir, 'claims.csv'),
      row([claimNo, policyNo, insured, line, incidentAt, reportedAt, status, claimed, paid]) {
        const n = Number(claimNo!.slice(2));
        const incident = incidentOf(line!, n, Number(claimed), claimNo!);
        const invoiceNo = incident.kind === 'medical' ? incident.invoiceItems[0]!.invoiceNo : null;
        return [newId(), claimNo!, policyNo!, insured!, CHANNELS[n % CHANNELS.length]!, incidentAt!, reportedAt!, status!, claimed!, paid!, incident.kind, cipher.encrypt(JSON.stringify(incident)), invoiceNo];
      },
    },
    {
      // complaint_no,customer_external_id,org_unit_code,channel,category,sub_reason,received_at,status
      table: 'bench_stage_complaint',
      columns: ['id uuid', 'complaint_no text', 'customer_external_id text', 'org_unit_code text', 'channel text', 'category text', 'sub_reason text', 'received_at timestamptz', 'status text', 'subject text', 'description_enc text'],
      file: path.join(dir, 'complaints.csv'),
      row([complaintNo, customer, unit, channel, category, subReason, receivedAt, status]) {
        const subject = SUBJECTS[category!] ?? SUBJECTS.other!;
        return [newId(), complaintNo!, customer!, unit!, channel!, category!, subReason!, receivedAt!, status!, subject, cipher.encrypt(`客户反映：${subject}，要求尽快处理并给予答复。`)];
      },
    },
    {
      // customer_external_id,channel,direction,occurred_at,summary
      table: 'bench_stage_interaction',
      columns: ['id uuid', 'customer_external_id text', 'channel text', 'direction text', 'occurred_at timestamptz', 'summary text'],
      file: path.join(dir, 'interactions.csv'),
      row([customer, channel, direction, occurredAt, summary]) {
        return [newId(), customer!, channel!, direction!, occurredAt!, summary!];
      },
    },
  ];
}

/** A valid incident (the claims contract's shape) for a generated claim, which has none. */
function incidentOf(line: string, n: number, amountFen: number, claimNo: string) {
  switch (line) {
    case 'medical':
      return { kind: 'medical' as const, hospital: HOSPITALS[n % HOSPITALS.length]!, diagnosisCode: DIAGNOSES[n % DIAGNOSES.length]!, invoiceItems: [{ invoiceNo: `INV-${claimNo}`, description: '住院医疗费用', amountFen }], description: '住院治疗' };
    case 'motor_compulsory':
    case 'motor_commercial':
      return { kind: 'motor' as const, place: '城区道路', vehiclePlate: `浙A${String(10_000 + (n % 90_000))}`, thirdParties: [], injuries: false, description: '行驶中与前车追尾' };
    case 'property':
    case 'liability':
      return { kind: 'property' as const, place: '被保险人住所', description: '水管爆裂致室内财产受损' };
    default:
      return { kind: 'illness' as const, event: line === 'accident' ? '意外受伤就医' : '确诊疾病' };
  }
}

/** The CSV's data lines as fields (the generator's files: UTF-8 with BOM, no quoted fields). */
async function* linesOf(file: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line) yield line.split(',');
  }
}

const csvField = (value: string | number | null) => (value === null ? '' : typeof value === 'number' ? String(value) : /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value);

/** COPY of the staging rows over one connection; returns the number of rows. */
async function copyInto(url: string, staging: Staging): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  try {
    async function* chunks() {
      let chunk: string[] = [];
      for await (const fields of linesOf(staging.file)) {
        chunk.push(staging.row(fields).map(csvField).join(','));
        rows++;
        if (chunk.length === BATCH) {
          yield `${chunk.join('\n')}\n`;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
    }
    const names = staging.columns.map((c) => c.split(' ')[0]).join(', ');
    await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${staging.table} (${names}) FROM STDIN WITH (FORMAT csv)`)));
  } finally {
    await client.end();
  }
  return rows;
}

/** Multi-row INSERTs of the staging rows (PGlite has no COPY from a stream here); returns the number of rows. */
async function insertInto(db: Db, staging: Staging): Promise<number> {
  const names = sql.raw(staging.columns.map((c) => c.split(' ')[0]).join(', '));
  const table = sql.raw(staging.table);
  let rows = 0;
  let batch: (string | number | null)[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await sql`INSERT INTO ${table} (${names}) VALUES ${sql.join(batch.map((r) => sql`(${sql.join(r)})`))}`.execute(db);
    batch = [];
  };
  for await (const fields of linesOf(staging.file)) {
    batch.push(staging.row(fields));
    rows++;
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return rows;
}
