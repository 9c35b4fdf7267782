package io.partscope.core.ops.detach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partscope.core.catalog.RelationName;
import io.partscope.core.db.ServerInfo;
import io.partscope.core.ops.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detach preflight's own refusals and the --then parser (no server: the catalog facts are given). */
class DetachChecksTest {
    private static final RelationName PARENT = new RelationName("public", "events");
    private static final RelationName PART = new RelationName("public", "events_2025_01");

    private static DetachTarget target(RelationName def) {
        return new DetachTarget(PART, 2, PARENT, 1, true, false, def, null,
                "FOR VALUES FROM ('2025-01-01') TO ('2025-02-01')", 10, 8192);
    }

    private static Check check(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void concurrentlyBelowFourteenIsRefusedAndThePlainDetachIsOfferedWithItsLock() {
        List<Check> checks = DetachPlanner.checks(new ServerInfo(130012, "13.12", "u", true, "d"), target(null),
                new DetachPlanner.Request("x", true, null, false));
        Check c = check(checks, "concurrently");
        assertThat(c.status()).isEqualTo(Check.Status.REFUSE);
        assertThat(c.message()).contains("needs PostgreSQL 14 or newer; the server is 13.12")
                .contains("A plain DETACH (without CONCURRENTLY) works: ACCESS EXCLUSIVE on public.events and"
                        + " public.events_2025_01 for one short transaction");
        assertThat(DetachPlanner.checks(new ServerInfo(130012, "13.12", "u", true, "d"), target(null),
                new DetachPlanner.Request("x", false, null, false))).noneMatch(k -> k.status() == Check.Status.REFUSE);
    }

    @Test
    void concurrentlyWithADefaultIsRefusedWithTheReason() {
        RelationName def = new RelationName("public", "events_default");
        List<Check> checks = DetachPlanner.checks(new ServerInfo(180000, "18.0", "u", true, "d"), target(def),
                new DetachPlanner.Request("x", true, null, false));
        Check c = check(checks, "default partition");
        assertThat(c.status()).isEqualTo(Check.Status.REFUSE);
        assertThat(c.message()).contains("public.events has a DEFAULT partition (public.events_default)")
                .contains("ACCESS EXCLUSIVE on public.events, public.events_2025_01 and the DEFAULT"
                        + " public.events_default");
        assertThat(check(checks, "concurrently").status()).isEqualTo(Check.Status.PASS);
    }

    @Test
    void thenParsesEveryChoiceAndRefusesOthers() throws Exception {
        assertThat(Aftermath.parse("keep")).isInstanceOf(Aftermath.Keep.class);
        assertThat(Aftermath.parse("DROP")).isInstanceOf(Aftermath.Drop.class);
        assertThat(Aftermath.parse("archive:\"Old Data\"")).isEqualTo(new Aftermath.Archive("Old Data"));
        assertThat(Aftermath.parse("archive:Archive")).isEqualTo(new Aftermath.Archive("archive"));
        assertThat(Aftermath.parse("rename:\"a.b\"")).isEqualTo(new Aftermath.Rename("a.b"));
        assertThatThrownBy(() -> Aftermath.parse("archive:a.b")).hasMessageContaining("single name");
        assertThatThrownBy(() -> Aftermath.parse("shred")).hasMessageContaining("is not one of");
    }
}
