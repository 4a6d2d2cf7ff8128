// Reads a Parquet file with DuckDB and prints its schema and rows, for
// the tests that read incq's Parquet output (through duckdb.Read): one
// line "name TYPE" per column, then one JSON array per row. Run with
// NODE_PATH pointing at a node_modules holding @duckdb/node-api.
const duckdb = require('@duckdb/node-api');

(async () => {
  const db = await duckdb.DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // --sql SQL runs a query of the test's own (a partitioned set read as
  // one table); else the argument is a file to read whole.
  const sql = process.argv[2] === '--sql'
    ? process.argv[3]
    : `SELECT * FROM read_parquet('${process.argv[2].replaceAll("'", "''")}')`;
  const result = await con.runAndReadAll(sql);
  const names = result.columnNames();
  const types = result.columnTypes();
  names.forEach((n, i) => console.log(`${n} ${types[i].toString()}`));
  for (const row of result.getRowsJson()) {
    console.log(JSON.stringify(row));
  }
})().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
