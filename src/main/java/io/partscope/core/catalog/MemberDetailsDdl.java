package io.partscope.core.catalog;

import io.partscope.core.db.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the CREATE statements that recreate one member from what {@link MemberDetailsReader} read: the table (as
 * a partition, an inheritance child or a plain/partitioned table), its own constraints, storage parameters,
 * tablespace, and its own indexes. Every identifier goes through {@link Identifiers}; expressions and definitions
 * are the server's own deparsed text. For reading and copying: Partscope never runs it.
 */
final class MemberDetailsDdl {
    private static final Pattern PLAIN_OPTION_VALUE = Pattern.compile("[A-Za-z0-9_.]+");
    private static final String INDENT = "    ";

    /** A column as member_columns.sql reads it. */
    record Column(String name, String type, boolean notNull, boolean isLocal, boolean inherited, String identity,
            String generated, String defaultExpr, String collationSchema, String collationName,
            Boolean parentNotNull, String parentDefaultExpr) {

        /** An inherited column whose NOT NULL or default is the member's own, not the parent's. */
        boolean differsFromParent() {
            boolean addsNotNull = notNull && !Boolean.TRUE.equals(parentNotNull);
            boolean ownDefault = defaultExpr != null && generated.isEmpty()
                    && !defaultExpr.equals(parentDefaultExpr);
            return addsNotNull || ownDefault;
        }
    }

    /** A table constraint as member_constraints.sql reads it. */
    record Constraint(String name, String type, String definition, boolean isLocal, long indexOid) {
    }

    /** An index with what the DDL needs besides {@link MemberDetails.Index}. */
    record IndexDef(long oid, MemberDetails.Index index) {
    }

    /** The relation facts the DDL needs. */
    record Table(RelationName name, String relkind, String persistence, boolean isPartition, String bound,
            String partitionKey, List<RelationName> parents, String accessMethod, String tablespace,
            List<String> reloptions, List<String> toastReloptions, String foreignServer,
            List<String> foreignOptions) {
    }

    private MemberDetailsDdl() {
    }

    /**
     * @param incomplete the member was locked by another session, so constraints, index definitions or the
     *                   partition key could not be read: the DDL says so in a comment at the top
     */
    static String ddl(Table table, List<Column> columns, List<Constraint> constraints, List<IndexDef> indexes,
            boolean incomplete) {
        StringBuilder sql = new StringBuilder();
        if (incomplete) {
            sql.append("-- INCOMPLETE: another session holds an ACCESS EXCLUSIVE lock on this table; its constraints,\n"
                    + "-- index definitions and partition key cannot be read without waiting behind it.\n");
        }
        boolean foreign = "f".equals(table.relkind());
        sql.append("CREATE ");
        if (foreign) {
            sql.append("FOREIGN ");
        } else if ("u".equals(table.persistence())) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(qualified(table.name()));

        List<String> elements = new ArrayList<>();
        if (table.isPartition() && !table.parents().isEmpty()) {
            sql.append(" PARTITION OF ").append(qualified(table.parents().get(0)));
            for (Column c : columns) {
                if (c.isLocal() || c.differsFromParent()) {
                    String options = columnOptions(c, false);
                    if (!options.isEmpty()) {
                        elements.add(Identifiers.quote(c.name()) + " WITH OPTIONS" + options);
                    }
                }
            }
            addConstraints(elements, constraints);
            appendElements(sql, elements, true);
            sql.append('\n').append(INDENT).append(table.bound() == null ? "DEFAULT" : table.bound());
        } else {
            for (Column c : columns) {
                if (c.isLocal() || !c.inherited() || c.differsFromParent()) {
                    elements.add(column(c));
                }
            }
            addConstraints(elements, constraints);
            appendElements(sql, elements, false);
            if (!table.parents().isEmpty()) {
                List<String> parents = table.parents().stream().map(MemberDetailsDdl::qualified).toList();
                sql.append('\n').append("INHERITS (").append(String.join(", ", parents)).append(')');
            }
        }
        if (table.partitionKey() != null) {
            sql.append('\n').append(INDENT).append("PARTITION BY ").append(table.partitionKey());
        }
        if ("r".equals(table.relkind()) && table.accessMethod() != null && !"heap".equals(table.accessMethod())) {
            sql.append('\n').append(INDENT).append("USING ").append(Identifiers.quote(table.accessMethod()));
        }
        List<String> options = storageParameters(table.reloptions(), table.toastReloptions());
        if (!options.isEmpty()) {
            sql.append('\n').append(INDENT).append("WITH (").append(String.join(", ", options)).append(')');
        }
        if (table.tablespace() != null && !foreign) {
            sql.append('\n').append(INDENT).append("TABLESPACE ").append(Identifiers.quote(table.tablespace()));
        }
        if (foreign && table.foreignServer() != null) {
            sql.append('\n').append(INDENT).append("SERVER ").append(Identifiers.quote(table.foreignServer()));
            if (!table.foreignOptions().isEmpty()) {
                sql.append(" OPTIONS (").append(String.join(", ", foreignOptions(table.foreignOptions())))
                        .append(')');
            }
        }
        sql.append(";\n");

        for (IndexDef def : indexes) {
            MemberDetails.Index index = def.index();
            if (index.constraint() != null) {
                continue; // written with the table, as a constraint
            }
            if (table.isPartition() && index.attached()) {
                sql.append("-- ").append(Identifiers.quote(index.name())).append(": created by PARTITION OF from ")
                        .append(qualified(index.parentIndex())).append('\n');
                continue;
            }
            if (index.definition() == null) {
                sql.append("-- index ").append(Identifiers.quote(index.name())).append(": definition not read\n");
            } else {
                sql.append('\n').append(index.definition()).append(";\n");
            }
        }
        return sql.toString();
    }

    private static void addConstraints(List<String> elements, List<Constraint> constraints) {
        for (Constraint con : constraints) {
            if (con.isLocal()) {
                elements.add("CONSTRAINT " + Identifiers.quote(con.name()) + " " + con.definition());
            }
        }
    }

    private static void appendElements(StringBuilder sql, List<String> elements, boolean optional) {
        if (elements.isEmpty()) {
            if (!optional) {
                sql.append(" ()");
            }
            return;
        }
        sql.append(" (\n");
        for (int i = 0; i < elements.size(); i++) {
            sql.append(INDENT).append(elements.get(i)).append(i + 1 < elements.size() ? ",\n" : "\n");
        }
        sql.append(')');
    }

    private static String column(Column c) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(c.name())).append(' ').append(c.type());
        if (c.collationName() != null) {
            sql.append(" COLLATE ").append(Identifiers.qualified(c.collationSchema(), c.collationName()));
        }
        sql.append(columnOptions(c, true));
        return sql.toString();
    }

    /** NOT NULL, DEFAULT, GENERATED: everything after the type, with a leading space; empty when none apply. */
    private static String columnOptions(Column c, boolean full) {
        StringBuilder sql = new StringBuilder();
        if (c.notNull() && (full || !Boolean.TRUE.equals(c.parentNotNull()))) {
            sql.append(" NOT NULL");
        }
        if (!c.generated().isEmpty()) {
            if (full && c.defaultExpr() != null) {
                sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpr()).append(')')
                        .append("s".equals(c.generated()) ? " STORED" : " VIRTUAL");
            }
        } else if (c.defaultExpr() != null && (full || !c.defaultExpr().equals(c.parentDefaultExpr()))) {
            sql.append(" DEFAULT ").append(c.defaultExpr());
        }
        if (full && "a".equals(c.identity())) {
            sql.append(" GENERATED ALWAYS AS IDENTITY");
        } else if (full && "d".equals(c.identity())) {
            sql.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        return sql.toString();
    }

    /** {@code fillfactor=70} and the TOAST table's options as {@code toast.name=value}, as a list to show. */
    static List<String> reloptionList(List<String> reloptions, List<String> toastReloptions) {
        List<String> all = new ArrayList<>(reloptions);
        toastReloptions.forEach(o -> all.add("toast." + o));
        return all;
    }

    private static List<String> storageParameters(List<String> reloptions, List<String> toastReloptions) {
        List<String> out = new ArrayList<>();
        for (String option : reloptionList(reloptions, toastReloptions)) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? null : option.substring(eq + 1);
            // Option names are plain keywords (a-z, _, and toast.); their values print bare when they are plain.
            String text = name;
            if (value != null) {
                text += " = " + (PLAIN_OPTION_VALUE.matcher(value).matches() ? value : literal(value));
            }
            out.add(text);
        }
        return out;
    }

    private static List<String> foreignOptions(List<String> options) {
        List<String> out = new ArrayList<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            out.add(Identifiers.quote(name) + " " + literal(value));
        }
        return out;
    }

    /** A standard-conforming string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String qualified(RelationName name) {
        return Identifiers.qualified(name.schema(), name.name());
    }
}
