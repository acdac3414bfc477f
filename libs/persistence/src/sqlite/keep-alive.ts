import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 12 on Node 24.19+: a Database or Statement that the garbage collector finalises
 * outside a JavaScript context (an idle GC) aborts the process — Node's ObjectWrap now removes an
 * environment cleanup hook in its destructor, and asserts an environment is current. better-sqlite3
 * 13 fixes it, but it needs Node 22. Until Node 20 support goes, none of them is ever collected: each
 * is kept for the life of the process. The store prepares each SQL text once and never calls
 * `db.pragma` (a statement per call, made past `prepare`); a transaction's own statements live as long
 * as its database. What is kept stays bounded.
 */
const KEPT: object[] = [];

export function keepAlive(db: BetterSqlite3.Database): BetterSqlite3.Database {
  KEPT.push(db);
  const prepare = db.prepare.bind(db) as (source: string) => BetterSqlite3.Statement;
  (db as unknown as { prepare(source: string): BetterSqlite3.Statement }).prepare = (source: string) => {
    const statement = prepare(source);
    KEPT.push(statement);
    return statement;
  };
  return db;
}
