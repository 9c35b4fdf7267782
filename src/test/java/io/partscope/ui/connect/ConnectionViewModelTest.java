package io.partscope.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.ui.task.Activity;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {
    private final List<String> reported = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final Activity activity = new Activity(new CurrentThreadTaskExecutor());

    private ConnectionViewModel viewModel(DatabaseOpener opener) {
        return new ConnectionViewModel(activity, opener, (action, failure) -> {
            reported.add(action);
            failures.add(failure);
        });
    }

    @Test
    void connectIsDisabledUntilAUrlIsTyped() {
        ConnectionViewModel vm = viewModel((url, c) -> {
            throw new AssertionError("must not open");
        });
        assertTrue(vm.connectDisabledProperty().get());

        vm.urlProperty().set("   ");
        assertTrue(vm.connectDisabledProperty().get());

        vm.urlProperty().set("postgresql://postgres@localhost/app");
        assertFalse(vm.connectDisabledProperty().get());
    }

    @Test
    void aFailedConnectReachesTheUserAndLeavesTheWindowIdleAndUnconnected() {
        PartscopeException denied = new PartscopeException(ErrorKind.AUTHENTICATION_FAILED,
                "password authentication failed for user \"alice\"", "28P01", null, "Check the password.", null);
        List<String> opened = new ArrayList<>();
        ConnectionViewModel vm = viewModel((url, c) -> {
            opened.add(url);
            throw denied;
        });
        vm.urlProperty().set("  postgresql://alice:wrong@localhost/app ");

        vm.connect();

        assertEquals(List.of("postgresql://alice:wrong@localhost/app"), opened, "the URL is trimmed");
        assertEquals(List.of("Connect"), reported);
        assertSame(denied, failures.get(0));
        assertFalse(activity.isBusy());
        assertNull(vm.database());
        assertEquals("", vm.connectionNameProperty().get());
        assertFalse(vm.connectDisabledProperty().get(), "the user can try again");
    }
}
