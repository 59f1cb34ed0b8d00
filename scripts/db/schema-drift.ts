/**
 * Compares prisma/schema.prisma with a migrated database: tables, columns (type, nullability, whether a
 * default exists), primary keys, unique and plain indexes (columns, order, direction), foreign keys and
 * enums. The Prisma schema engine that would do this (`migrate diff`) cannot be downloaded here, so this
 * is our own reading of the subset of the schema language we use; anything outside that subset is
 * reported as unsupported rather than silently ignored.
 */
import pg from "pg";

export type ExpectedColumn = { type: string; nullable: boolean; hasDefault: boolean };
export type ExpectedIndex = { unique: boolean; primary: boolean; columns: string[] };
export type ExpectedForeignKey = { columns: string[]; refTable: string; refColumns: string[]; onDelete: string };
export type SchemaShape = {
  tables: Map<
    string,
    {
      columns: Map<string, ExpectedColumn>;
      indexes: Map<string, ExpectedIndex>;
      foreignKeys: Map<string, ExpectedForeignKey>;
    }
  >;
  enums: Map<string, string[]>;
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  Float: "double precision",
  Json: "jsonb",
  DateTime: "timestamp(3) without time zone",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, (arg: string | undefined) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  Date: () => "date",
  VarChar: (n) => (n ? `character varying(${n})` : "character varying"),
  Timestamptz: (n) => `timestamp(${n ?? "6"}) with time zone`,
  Timestamp: (n) => `timestamp(${n ?? "6"}) without time zone`,
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  JsonB: () => "jsonb",
  Citext: () => "citext",
};

const ON_DELETE: Record<string, string> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

function stripComments(source: string): string {
  return source
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("\n");
}

function blocks(source: string, keyword: "model" | "enum"): { name: string; body: string[] }[] {
  const pattern = new RegExp(`^${keyword}\\s+(\\w+)\\s*\\{([\\s\\S]*?)^\\}`, "gm");
  return [...source.matchAll(pattern)].map((match) => ({
    name: match[1]!,
    body: match[2]!
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  }));
}

/** Parses `[a, b(sort: Desc)]` into column names with a DESC suffix where sorted descending. */
function fieldList(text: string): string[] {
  const inner = /\[([^\]]*)\]/.exec(text)?.[1] ?? "";
  return inner
    .split(/,(?![^(]*\))/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const name = /^(\w+)/.exec(part)![1]!;
      return /sort:\s*Desc/.test(part) ? `${name} DESC` : name;
    });
}

/** A model's field line, `name Type[]? @attributes…`, split into its parts; null when it is not one. */
function parseFieldLine(
  line: string,
): { field: string; type: string; modifier: string | undefined; attributes: string } | null {
  const match = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(line);
  if (!match) return null;
  // Groups 1, 2 and 4 always take part in a match; only the modifier is optional.
  const [, field = "", type = "", modifier, attributes = ""] = match;
  return { field, type, modifier, attributes };
}

function columnNameOf(fieldName: string, columnMap: Map<string, string>): string {
  return columnMap.get(fieldName) ?? fieldName;
}

export function parsePrismaSchema(source: string): { shape: SchemaShape; unsupported: string[] } {
  const text = stripComments(source);
  const unsupported: string[] = [];
  const enums = new Map(
    blocks(text, "enum").map((block) => [block.name, block.body.map((line) => line.split(/\s+/)[0]!)]),
  );
  const models = blocks(text, "model");
  const modelNames = new Set(models.map((model) => model.name));
  const tableNameOf = new Map(
    models.map((model) => {
      const mapped = model.body.map((line) => /^@@map\("([^"]+)"\)/.exec(line)?.[1]).find(Boolean);
      return [model.name, mapped ?? model.name];
    }),
  );

  const tables: SchemaShape["tables"] = new Map();
  for (const model of models) {
    const table = tableNameOf.get(model.name)!;
    const columns = new Map<string, ExpectedColumn>();
    const indexes = new Map<string, ExpectedIndex>();
    const foreignKeys = new Map<string, ExpectedForeignKey>();
    const columnMap = new Map<string, string>();
    const fieldLines = model.body.filter((line) => !line.startsWith("@@"));

    for (const line of fieldLines) {
      const parsed = parseFieldLine(line);
      if (!parsed) {
        unsupported.push(`${model.name}: cannot read field line "${line}"`);
        continue;
      }
      const { field, attributes } = parsed;
      const mapped = /@map\("([^"]+)"\)/.exec(attributes)?.[1];
      if (mapped) columnMap.set(field, mapped);
    }

    for (const line of fieldLines) {
      const parsed = parseFieldLine(line);
      if (!parsed) continue;
      const { field, type, modifier, attributes } = parsed;
      if (modelNames.has(type)) {
        const relation = /@relation\(([^)]*(?:\([^)]*\)[^)]*)*)\)/.exec(attributes)?.[1];
        if (relation && /fields:/.test(relation)) {
          const fields = fieldList(/fields:\s*(\[[^\]]*\])/.exec(relation)![1]!).map((name) =>
            columnNameOf(name, columnMap),
          );
          const references = fieldList(/references:\s*(\[[^\]]*\])/.exec(relation)![1]!);
          const onDelete = /onDelete:\s*(\w+)/.exec(relation)?.[1];
          foreignKeys.set(`${table}_${fields.join("_")}_fkey`, {
            columns: fields,
            refTable: tableNameOf.get(type)!,
            refColumns: references,
            onDelete: onDelete ? (ON_DELETE[onDelete] ?? onDelete) : "RESTRICT",
          });
        }
        continue;
      }
      const column = columnNameOf(field, columnMap);
      const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
      let sqlType: string | undefined;
      if (native) {
        const build = NATIVE_TYPES[native[1]!];
        if (!build) unsupported.push(`${model.name}.${field}: native type @db.${native[1]} is not supported here`);
        sqlType = build?.(native[2]?.trim() || undefined);
      } else if (enums.has(type)) {
        sqlType = `enum ${type}`;
      } else {
        sqlType = SCALAR_TYPES[type];
        if (!sqlType) unsupported.push(`${model.name}.${field}: type ${type} is not supported here`);
      }
      const isList = modifier === "[]";
      columns.set(column, {
        type: `${sqlType ?? type}${isList ? "[]" : ""}`,
        // Prisma creates scalar-list columns without NOT NULL.
        nullable: modifier === "?" || isList,
        hasDefault: /@default\(/.test(attributes),
      });
      if (/@id\b/.test(attributes)) indexes.set(`${table}_pkey`, { unique: true, primary: true, columns: [column] });
      if (/@unique\b/.test(attributes))
        indexes.set(`${table}_${column}_key`, { unique: true, primary: false, columns: [column] });
    }

    for (const line of model.body.filter((entry) => entry.startsWith("@@"))) {
      const kind = /^@@(\w+)/.exec(line)![1]!;
      if (kind === "map") continue;
      const names = fieldList(line).map((entry) => {
        const [name, direction] = entry.split(" ");
        return `${columnNameOf(name!, columnMap)}${direction ? ` ${direction}` : ""}`;
      });
      const plain = names.map((name) => name.split(" ")[0]).join("_");
      if (/name:|map:/.test(line)) unsupported.push(`${model.name}: named ${kind} "${line}" is not supported here`);
      if (kind === "id") indexes.set(`${table}_pkey`, { unique: true, primary: true, columns: names });
      else if (kind === "unique")
        indexes.set(`${table}_${plain}_key`, { unique: true, primary: false, columns: names });
      else if (kind === "index")
        indexes.set(`${table}_${plain}_idx`, { unique: false, primary: false, columns: names });
      else unsupported.push(`${model.name}: block attribute @@${kind} is not supported here`);
    }
    tables.set(table, { columns, indexes, foreignKeys });
  }
  return { shape: { tables, enums }, unsupported };
}

const FK_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Reads the same shape from a live database's `public` schema (ignoring `_prisma_migrations`). */
export async function readDatabaseSchema(connectionString: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const columns = await client.query<{
      table: string;
      column: string;
      type: string;
      enum: string | null;
      nullable: boolean;
      has_default: boolean;
    }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
             CASE WHEN t.typtype = 'e' THEN t.typname
                  WHEN et.typtype = 'e' THEN et.typname || '[]' END AS enum,
             NOT a.attnotnull AS nullable, a.atthasdef AS has_default
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname <> '_prisma_migrations'
       ORDER BY c.relname, a.attnum`);
    const indexes = await client.query<{
      table: string;
      name: string;
      unique: boolean;
      primary: boolean;
      columns: string[];
    }>(`
      SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
             array_agg(a.attname || CASE WHEN (x.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END ORDER BY k.ord) AS columns
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, i.relname, x.indisunique, x.indisprimary`);
    const foreignKeys = await client.query<{
      table: string;
      name: string;
      columns: string[];
      ref_table: string;
      ref_columns: string[];
      on_delete: string;
    }>(`
      SELECT t.relname AS table, con.conname AS name,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
             r.relname AS ref_table,
             (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns,
             con.confdeltype AS on_delete
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_class r ON r.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE con.contype = 'f' AND n.nspname = 'public'`);
    const enums = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname`);

    const shape: SchemaShape = { tables: new Map(), enums: new Map(enums.rows.map((row) => [row.name, row.values])) };
    const tableOf = (name: string) => {
      let table = shape.tables.get(name);
      if (!table) shape.tables.set(name, (table = { columns: new Map(), indexes: new Map(), foreignKeys: new Map() }));
      return table;
    };
    for (const row of columns.rows) {
      const type = row.enum ? `enum ${row.enum.replace(/^_/, "")}` : row.type;
      tableOf(row.table).columns.set(row.column, { type, nullable: row.nullable, hasDefault: row.has_default });
    }
    for (const row of indexes.rows) {
      tableOf(row.table).indexes.set(row.name, { unique: row.unique, primary: row.primary, columns: row.columns });
    }
    for (const row of foreignKeys.rows) {
      tableOf(row.table).foreignKeys.set(row.name, {
        columns: row.columns,
        refTable: row.ref_table,
        refColumns: row.ref_columns,
        onDelete: FK_ACTIONS[row.on_delete] ?? row.on_delete,
      });
    }
    return shape;
  } finally {
    await client.end();
  }
}

function describeValue(value: unknown): string {
  return JSON.stringify(value);
}

function compareMaps<T>(label: string, expected: Map<string, T>, actual: Map<string, T>, out: string[]): void {
  for (const [name, want] of expected) {
    const have = actual.get(name);
    if (have === undefined) out.push(`${label}${name}: in schema.prisma but not in the database`);
    else if (describeValue(have) !== describeValue(want)) {
      out.push(`${label}${name}: schema.prisma says ${describeValue(want)}, database has ${describeValue(have)}`);
    }
  }
  for (const name of actual.keys()) {
    if (!expected.has(name)) out.push(`${label}${name}: in the database but not in schema.prisma`);
  }
}

/** Every difference as one readable line; an empty list means no drift. */
export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  compareMaps("enum ", expected.enums, actual.enums, out);
  for (const [name, want] of expected.tables) {
    const have = actual.tables.get(name);
    if (!have) {
      out.push(`table ${name}: in schema.prisma but not in the database`);
      continue;
    }
    compareMaps(`${name}.`, want.columns, have.columns, out);
    compareMaps(`${name} index `, want.indexes, have.indexes, out);
    compareMaps(`${name} foreign key `, want.foreignKeys, have.foreignKeys, out);
  }
  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name)) out.push(`table ${name}: in the database but not in schema.prisma`);
  }
  return out;
}
