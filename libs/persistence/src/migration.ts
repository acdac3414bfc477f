/** A schema change, applied once per database and recorded in its `schema_migrations` table. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
