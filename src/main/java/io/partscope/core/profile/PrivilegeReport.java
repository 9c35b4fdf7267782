package io.partscope.core.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * What "Test connection" found out: the server, who we are on it, and what that role may see and do. The numbers
 * Partscope shows depend on these (bloat needs pg_statistic, other sessions' activity needs pg_read_all_stats, exact
 * bloat needs pgstattuple), so the report says which views will be complete.
 *
 * @param versionNum          server_version_num, e.g. 180001
 * @param version             server_version, e.g. "18.1"
 * @param user                current_user
 * @param database            current_database()
 * @param superuser           whether the role is a superuser
 * @param readsPgStatistic    SELECT on pg_catalog.pg_statistic (exact column statistics for the bloat estimate)
 * @param readAllStats        a member of pg_read_all_stats (with its privileges)
 * @param monitor             a member of pg_monitor (with its privileges)
 * @param createInDatabase    CREATE on the database (has_database_privilege)
 * @param pgstattupleVersion  the installed pgstattuple's version in this database, or null when not installed
 * @param pgstattupleAvailable whether the server could install pgstattuple (CREATE EXTENSION)
 * @param inRecovery          a standby (pg_is_in_recovery): read-only whatever the role may do
 * @param supported           the server is new enough for Partscope
 */
public record PrivilegeReport(int versionNum, String version, String user, String database, boolean superuser,
        boolean readsPgStatistic, boolean readAllStats, boolean monitor, boolean createInDatabase,
        String pgstattupleVersion, boolean pgstattupleAvailable, boolean inRecovery, boolean supported) {

    public boolean pgstattupleInstalled() {
        return pgstattupleVersion != null;
    }

    /**
     * One fact, for a person.
     *
     * @param limitation whether it limits what Partscope can show or do (the UI marks these)
     */
    public record Finding(String text, boolean limitation) {
    }

    /** One line per fact: the UI lists them, the CLI can print them. */
    public List<String> summary() {
        return findings().stream().map(Finding::text).toList();
    }

    /** The facts of {@link #summary()}, each with whether it is a limitation. */
    public List<Finding> findings() {
        List<Finding> lines = new ArrayList<>();
        lines.add(new Finding("PostgreSQL " + version + (inRecovery ? " (standby, read-only)" : "")
                + (supported ? "" : ": not supported, Partscope needs PostgreSQL 13 or newer"), !supported));
        lines.add(new Finding("Connected as \"" + user + "\" to database \"" + database + "\""
                + (superuser ? ", a superuser" : ", not a superuser"), false));
        lines.add(new Finding(readsPgStatistic
                ? "Can read pg_statistic: exact column statistics for the bloat estimate"
                : "Cannot read pg_statistic: bloat estimates use pg_stats (slower, tables you may read only)",
                !readsPgStatistic));
        lines.add(new Finding(readAllStats
                ? "Member of pg_read_all_stats: sees every session's activity and statistics"
                : "Not a member of pg_read_all_stats: other roles' queries and some statistics are hidden",
                !readAllStats));
        lines.add(new Finding(monitor ? "Member of pg_monitor" : "Not a member of pg_monitor", false));
        lines.add(new Finding(createInDatabase ? "Has CREATE on database \"" + database + "\""
                : "No CREATE on database \"" + database + "\"", false));
        lines.add(new Finding(pgstattupleVersion != null
                ? "pgstattuple " + pgstattupleVersion + " is installed: exact bloat"
                : pgstattupleAvailable ? "pgstattuple is available but not installed (CREATE EXTENSION pgstattuple)"
                        : "pgstattuple is not available on this server", pgstattupleVersion == null));
        return List.copyOf(lines);
    }
}
