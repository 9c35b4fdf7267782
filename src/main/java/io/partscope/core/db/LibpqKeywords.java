package io.partscope.core.db;

import java.util.Map;
import java.util.Set;

/**
 * The libpq connection keywords Partscope understands, and the PG* variable behind each. Parsers reject every other
 * keyword, as libpq does ("invalid connection option"), so a typo such as {@code sslmdoe=require} fails loudly
 * instead of silently connecting without SSL.
 */
final class LibpqKeywords {
    /** Keywords that change how we connect, with the environment variable libpq reads for each. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("host", "PGHOST"),
            Map.entry("hostaddr", "PGHOSTADDR"),
            Map.entry("port", "PGPORT"),
            Map.entry("dbname", "PGDATABASE"),
            Map.entry("user", "PGUSER"),
            Map.entry("password", "PGPASSWORD"),
            Map.entry("passfile", "PGPASSFILE"),
            Map.entry("sslmode", "PGSSLMODE"),
            Map.entry("options", "PGOPTIONS"),
            Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"),
            Map.entry("sslrootcert", "PGSSLROOTCERT"),
            Map.entry("sslcert", "PGSSLCERT"),
            Map.entry("sslkey", "PGSSLKEY"),
            Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"),
            Map.entry("load_balance_hosts", "PGLOADBALANCEHOSTS"));

    /** Also valid, handled outside the key/value merge. */
    static final Set<String> SPECIAL = Set.of("service", "sslpassword");

    /**
     * Valid libpq keywords that pgjdbc has no equivalent for (or that we always set ourselves, like
     * application_name: the server must see "partscope"). Accepted so that a psql connection string works
     * unchanged, and otherwise ignored.
     */
    static final Set<String> IGNORED = Set.of("application_name", "fallback_application_name", "client_encoding",
            "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
            "gssencmode", "krbsrvname", "gsslib", "gssdelegation", "requirepeer", "sslcompression", "sslcrl",
            "sslcrldir", "sslsni", "sslcertmode", "sslnegotiation", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "channel_binding", "require_auth", "replication");

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private LibpqKeywords() {
    }

    static boolean isKnown(String keyword) {
        return ENVIRONMENT.containsKey(keyword) || SPECIAL.contains(keyword) || IGNORED.contains(keyword);
    }

    /** Values whose text must never be repeated in a message. */
    static boolean isSecret(String keyword) {
        return "password".equals(keyword) || "sslpassword".equals(keyword);
    }
}
