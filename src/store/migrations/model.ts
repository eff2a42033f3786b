/**
 * A schema change: numbered, forward-only, the same logical change written once per SQL dialect.
 * Applied at open, in a transaction, and recorded in `schema_migrations`.
 */
export interface Migration {
  readonly version: number;
  /** Plain words, stored in schema_migrations.name. */
  readonly name: string;
  readonly sqlite: readonly string[];
  readonly postgres: readonly string[];
}
