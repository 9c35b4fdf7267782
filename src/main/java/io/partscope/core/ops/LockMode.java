package io.partscope.core.ops;

/** The table lock modes partition DDL takes (see the lock table in docs), weakest last. */
public enum LockMode {
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "blocks every query on the table, reads included"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "blocks writers, not readers"),
    SHARE("SHARE", "blocks writers, not readers"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "blocks DDL and VACUUM, not reads or writes"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", "taken by writers; blocks only DDL"),
    ACCESS_SHARE("ACCESS SHARE", "taken by readers; blocks only ACCESS EXCLUSIVE");

    private final String sql;
    private final String effect;

    LockMode(String sql, String effect) {
        this.sql = sql;
        this.effect = effect;
    }

    /** As SQL and pg_locks write it, e.g. "SHARE UPDATE EXCLUSIVE". */
    public String sql() {
        return sql;
    }

    /** What it means for the application's sessions, in one phrase. */
    public String effect() {
        return effect;
    }
}
