// test_node.js: every conflict_stats type, and the BI view figures_flat,
// through node-postgres (npm package pg).
//
// Run by test/clients/run.sh (connection from the PG* environment, database
// with the extension, test/data/sample.sql and test/clients/fixtures.sql
// loaded; NODE_PATH names the node_modules that holds pg):
//
//     NODE_PATH=CACHE/node/node_modules node test/clients/test_node.js
//
// Prints one "ok - ..." / "not ok - ..." line per check (run.sh numbers them)
// and "# ..." diagnostics.  Values are compared through their ::text forms in
// SQL, never against text written here, so the types' text forms may change.

'use strict';

const { Client } = require('pg');

const TYPES = ['estimate', 'trend', 'cumulative', 'cost_per_gain_state', 'elasticity_state', 'series'];
const RUNS = 10;
let failed = 0;

// The JS type node-postgres gives each standard SQL type (by OID), by default.
const JS_TYPES = {
  16: 'boolean',   // bool
  20: 'string',    // int8: beyond 2^53, so a string
  21: 'number',    // int2
  23: 'number',    // int4
  25: 'string',    // text
  700: 'number',   // float4
  701: 'number',   // float8
  1043: 'string',  // varchar
  1082: 'Date',    // date: local midnight
  1114: 'Date',    // timestamp
  1184: 'Date',    // timestamptz
  1700: 'string',  // numeric: exact decimal, so a string
};

// Print one TAP line (numbered later by run.sh), with diagnostics on failure.
function ok(pass, desc, diag) {
  console.log((pass ? 'ok - ' : 'not ok - ') + desc);
  if (!pass) {
    failed++;
    String(diag || '').split('\n').slice(0, 40).forEach((l) => console.log('#   ' + l));
  }
}

// Run one check (an async function giving null or a failure text); an exception fails it.
async function check(desc, fn) {
  let problem;
  try {
    problem = await fn();
  } catch (e) {
    problem = String(e && e.stack ? e.stack : e);
  }
  ok(problem == null, desc, problem);
}

// The JS type of a value, as named in JS_TYPES.
function jsType(v) {
  return v instanceof Date ? 'Date' : typeof v;
}

// Text results: strings equal to ::text, in columns typed with the type's OID.
async function checkTextResults(client, typ) {
  const oid = (await client.query('SELECT to_regtype($1)::oid AS oid', ['conflict_stats.' + typ])).rows[0].oid;
  const res = await client.query(`SELECT label, value, value::text AS text FROM fixture_${typ}`);
  const bad = res.rows.filter((r) => r.value !== r.text || (r.value !== null && typeof r.value !== 'string'))
    .map((r) => `${r.label}: ${JSON.stringify(r.value)} != ${JSON.stringify(r.text)}`);
  if (String(res.fields[1].dataTypeID) !== String(oid)) {
    bad.push(`column OID ${res.fields[1].dataTypeID}, type's OID ${oid}`);
  }
  if (!res.rows.some((r) => r.value !== null)) bad.push('no non-NULL values');
  return bad.length ? bad.join('\n') : null;
}

// A named prepared statement run RUNS times keeps reading the ::text form.
async function checkPrepared(client, typ) {
  const bad = [];
  for (let run = 1; run <= RUNS; run++) {
    const res = await client.query({
      name: 'read_' + typ,
      text: `SELECT label, value, value::text AS text FROM fixture_${typ} WHERE label <> $1`,
      values: ['no such label'],
    });
    res.rows.filter((r) => r.value !== r.text).forEach((r) => bad.push(`run ${run}, ${r.label}: ${r.value}`));
  }
  return bad.length ? bad.join('\n') : null;
}

// Strings sent back as parameters (type left to the server) read back the same.
async function checkWriteBack(client, typ) {
  await client.query(`DROP TABLE IF EXISTS rt_${typ}`);
  await client.query(`CREATE TEMP TABLE rt_${typ} (label text, value conflict_stats.${typ})`);
  const rows = (await client.query(`SELECT label, value FROM fixture_${typ}`)).rows;
  for (const r of rows) {
    await client.query(`INSERT INTO rt_${typ} (label, value) VALUES ($1, $2)`, [r.label, r.value]);
  }
  const diff = await client.query(
    `SELECT f.label, f.value::text AS a, r.value::text AS b FROM fixture_${typ} f FULL JOIN rt_${typ} r USING (label)
     WHERE f.label IS NULL OR r.label IS NULL OR f.value::text IS DISTINCT FROM r.value::text`);
  return diff.rows.length ? diff.rows.map((r) => `${r.label}: ${r.a} -> ${r.b}`).join('\n') : null;
}

// Every column of figures_flat arrives as the JS type of its standard SQL type.
async function checkFlatTypes(client) {
  const res = await client.query('SELECT * FROM conflict_stats.figures_flat');
  const bad = [];
  if (!res.rows.length) bad.push('no rows');
  for (const f of res.fields) {
    const want = JS_TYPES[f.dataTypeID];
    if (!want) {
      bad.push(`${f.name}: OID ${f.dataTypeID} is not a standard type`);
      continue;
    }
    const wrong = res.rows.filter((r) => r[f.name] !== null && jsType(r[f.name]) !== want);
    if (wrong.length) bad.push(`${f.name}: ${jsType(wrong[0][f.name])}, not ${want}`);
  }
  return bad.length ? bad.join('\n') : null;
}

// Values of figures_flat in JS and the same values computed by SQL, by figure_id.
async function flatWithSql(client, columns) {
  const res = await client.query(
    `SELECT f.*, ${columns} FROM conflict_stats.figures_flat f ORDER BY figure_id`);
  if (!res.rows.length) throw new Error('figures_flat has no rows');
  return res.rows;
}

// numeric best/low/high arrive as exact decimal strings: the numeric's own text.
async function checkNumerics(client) {
  const rows = await flatWithSql(client,
    'f.best::text AS best_sql, f.low::text AS low_sql, f.high::text AS high_sql');
  const bad = [];
  for (const r of rows) {
    for (const c of ['best', 'low', 'high']) {
      if (r[c] !== r[c + '_sql'] || (r[c] !== null && Number.isNaN(Number(r[c])))) {
        bad.push(`${r.figure_id} ${c}: ${JSON.stringify(r[c])}, SQL ${r[c + '_sql']}`);
      }
    }
  }
  if (!rows.some((r) => typeof r.best === 'string')) bad.push('no best value');
  return bad.length ? bad.join('\n') : null;
}

// date as_of arrives as a Date at local midnight of that calendar day.
async function checkDates(client) {
  const rows = await flatWithSql(client, "to_char(f.as_of, 'YYYY-MM-DD') AS as_of_sql");
  const bad = [];
  const ymd = (d) => [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),
    String(d.getDate()).padStart(2, '0')].join('-');
  for (const r of rows) {
    if (r.as_of === null ? r.as_of_sql !== null : !(r.as_of instanceof Date) || ymd(r.as_of) !== r.as_of_sql) {
      bad.push(`${r.figure_id}: ${r.as_of}, SQL ${r.as_of_sql}`);
    }
  }
  if (!rows.some((r) => r.as_of instanceof Date)) bad.push('no as_of date');
  return bad.length ? bad.join('\n') : null;
}

// bigint ids arrive as strings, booleans as booleans, text as the qualifier SQL gives.
async function checkIdsAndFlags(client) {
  const rows = await flatWithSql(client,
    'f.figure_id::text AS id_sql, f.low_inclusive::text AS li_sql, ' +
    '(SELECT conflict_stats.qualifier(g.value) FROM conflict_stats.figures g ' +
    'WHERE g.figure_id = f.figure_id) AS q_sql');
  const bad = [];
  for (const r of rows) {
    if (r.figure_id !== r.id_sql) bad.push(`figure_id ${JSON.stringify(r.figure_id)}`);
    if (r.low_inclusive !== (r.li_sql === null ? null : r.li_sql === 'true')) {
      bad.push(`${r.figure_id} low_inclusive ${JSON.stringify(r.low_inclusive)}, SQL ${r.li_sql}`);
    }
    if (r.qualifier !== r.q_sql) bad.push(`${r.figure_id} qualifier ${r.qualifier}, SQL ${r.q_sql}`);
  }
  return bad.length ? bad.join('\n') : null;
}

// Run the suite.
async function main() {
  const client = new Client();
  await client.connect();
  try {
    for (const typ of TYPES) {
      await check(`node-postgres: ${typ}: text results are strings equal to ::text, column typed with the type's OID`,
        () => checkTextResults(client, typ));
      await check(`node-postgres: ${typ}: a named prepared statement run ${RUNS} times keeps reading the same`,
        () => checkPrepared(client, typ));
      await check(`node-postgres: ${typ}: strings sent back as parameters write back the same values`,
        () => checkWriteBack(client, typ));
    }
    await check('node-postgres: figures_flat: every column arrives as the JS type of its SQL type',
      () => checkFlatTypes(client));
    await check('node-postgres: figures_flat: numeric best/low/high are exact decimal strings',
      () => checkNumerics(client));
    await check('node-postgres: figures_flat: date as_of is a Date at local midnight of that day',
      () => checkDates(client));
    await check('node-postgres: figures_flat: bigint ids are strings, booleans booleans, qualifier text',
      () => checkIdsAndFlags(client));
  } finally {
    await client.end();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  ok(false, 'node-postgres: the suite ran to its end', e.stack || String(e));
  process.exitCode = 1;
});
