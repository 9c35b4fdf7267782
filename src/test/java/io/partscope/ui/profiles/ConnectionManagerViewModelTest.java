package io.partscope.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.partscope.core.db.ConnectionSettings;
import io.partscope.core.db.Environment;
import io.partscope.core.db.ErrorKind;
import io.partscope.core.db.PartscopeException;
import io.partscope.core.profile.ConnectionProfile;
import io.partscope.core.profile.PrivilegeReport;
import io.partscope.core.profile.ProfileStore;
import io.partscope.ui.task.CurrentThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The connection manager's state and rules, without a window. */
class ConnectionManagerViewModelTest {
    static final PrivilegeReport REPORT = new PrivilegeReport(180001, "18.1", "alice", "app", false, false, false,
            false, true, null, true, false, true);

    @TempDir
    Path folder;

    private ProfileStore store;
    private final SessionPasswords passwords = new SessionPasswords();
    private final List<String> reported = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<ConnectionSettings> tested = new ArrayList<>();
    private ProfileTester tester = (settings, cancellation) -> {
        tested.add(settings);
        return REPORT;
    };

    @BeforeEach
    void createStore() {
        store = new ProfileStore(folder.resolve("config"));
    }

    private ConnectionManagerViewModel viewModel() {
        ConnectionManagerViewModel vm = new ConnectionManagerViewModel(store,
                new Environment(Map.of("USER", "me"), folder), new CurrentThreadTaskExecutor(),
                (settings, cancellation) -> tester.test(settings, cancellation), passwords, (action, failure) -> {
                    reported.add(action);
                    failures.add(failure);
                });
        vm.load();
        return vm;
    }

    private static void fill(ConnectionManagerViewModel vm, String name) {
        vm.nameProperty().set(name);
        vm.hostProperty().set("db1.example.com");
        vm.portProperty().set("5433");
        vm.databaseProperty().set("billing");
        vm.userProperty().set("dba");
    }

    @Test
    void aCompleteFormIsValidAndSaves() throws PartscopeException {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        vm.readOnlyProperty().set(true);
        vm.colourProperty().set("#d9480f");

        assertFalse(vm.saveDisabledProperty().get());
        ConnectionProfile saved = vm.save().orElseThrow();

        assertEquals(List.of(saved), store.load());
        assertTrue(saved.readOnly());
        assertEquals("#d9480f", saved.colour());
        assertEquals(saved.id(), vm.editingIdProperty().get(), "the form now edits the saved profile");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name|   |Give the connection a name.",
        "host|''|Enter the host",
        "port|0|The port must be a number from 1 to 65535.",
        "port|65536|The port must be a number from 1 to 65535.",
        "port|54x|The port must be a number from 1 to 65535.",
        "database|' '|Enter the database name.",
        "user|''|Enter the user name."})
    void anInvalidFieldDisablesSaveAndSaysWhy(String field, String value, String message) {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        String v = value == null ? "" : value;
        switch (field) {
            case "name" -> vm.nameProperty().set(v);
            case "host" -> vm.hostProperty().set(v);
            case "port" -> vm.portProperty().set(v);
            case "database" -> vm.databaseProperty().set(v);
            default -> vm.userProperty().set(v);
        }

        assertTrue(vm.saveDisabledProperty().get());
        assertThat(vm.validationMessageProperty().get()).startsWith(message);
        assertTrue(vm.save().isEmpty());
    }

    @Test
    void aNameAlreadyTakenIsInvalidWhateverItsCaseButAProfileKeepsItsOwnName() {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        ConnectionProfile first = vm.save().orElseThrow();

        vm.newProfile();
        fill(vm, " billing ");
        assertTrue(vm.saveDisabledProperty().get());
        assertEquals("A connection named \"billing\" already exists.", vm.validationMessageProperty().get());

        vm.edit(first);
        assertFalse(vm.saveDisabledProperty().get(), "editing Billing, its own name is fine");
    }

    @Test
    void savingAnEditedProfileReplacesItUnderTheSameId() throws PartscopeException {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        ConnectionProfile first = vm.save().orElseThrow();

        vm.edit(first);
        vm.nameProperty().set("Billing (prod)");
        vm.save();

        assertEquals(List.of(first.withName("Billing (prod)")), store.load());
    }

    @Test
    void deletingRemovesTheProfileAndItsSessionPassword() throws PartscopeException {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        vm.passwordProperty().set("typed");
        ConnectionProfile saved = vm.save().orElseThrow();
        assertEquals("typed", passwords.get(saved.id()).orElseThrow());

        vm.delete();

        assertEquals(List.of(), store.load());
        assertTrue(passwords.get(saved.id()).isEmpty());
        assertNull(vm.editingIdProperty().get());
        assertTrue(vm.emptyProperty().get());
    }

    @Test
    void anImportedPasswordIsKeptForTheSessionButNeverWritten() throws Exception {
        ConnectionManagerViewModel vm = viewModel();
        vm.importUriProperty().set("postgresql://dba:Hunter2@db1.example.com:5433/billing?sslmode=require");

        vm.importFromUri();

        assertEquals("db1.example.com", vm.hostProperty().get());
        assertEquals("5433", vm.portProperty().get());
        assertEquals("require", vm.sslModeProperty().get());
        assertEquals("Hunter2", vm.passwordProperty().get());
        assertEquals("", vm.importUriProperty().get());
        ConnectionChoice.Profile choice = (ConnectionChoice.Profile) vm.connect().orElseThrow();

        assertEquals("Hunter2", choice.sessionPassword());
        assertThat(choice.toString()).doesNotContain("Hunter2");
        assertEquals("Hunter2", passwords.get(choice.profile().id()).orElseThrow());
        assertThat(Files.readString(store.file())).doesNotContain("Hunter2");
        assertEquals(List.of(choice.profile()), store.load(), "Connect saved the new profile");
    }

    @Test
    void anImportedNameThatIsTakenGetsANumber() {
        ConnectionManagerViewModel vm = viewModel();
        vm.importUriProperty().set("postgresql://dba@db1/billing");
        vm.importFromUri();
        vm.save().orElseThrow();

        vm.importUriProperty().set("postgresql://other@db1/billing");
        vm.importFromUri();

        assertEquals("billing on db1 (2)", vm.nameProperty().get());
        assertNull(vm.editingIdProperty().get(), "an import is a new profile");
    }

    @Test
    void importingAServiceFillsTheFormAndRemembersTheService() throws IOException {
        Files.writeString(folder.resolve(".pg_service.conf"), "[reports]\nhost=replica\ndbname=rep\nuser=an\n");
        ConnectionManagerViewModel vm = viewModel();
        vm.importServiceProperty().set("reports");

        vm.importFromService();

        assertEquals("reports", vm.nameProperty().get());
        assertEquals("replica", vm.hostProperty().get());
        assertEquals("reports", vm.serviceProperty().get());
        assertEquals(List.of(), reported);
    }

    @Test
    void aBadImportReachesTheUserAndLeavesTheFormAlone() {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        vm.importUriProperty().set("postgresql://h:notaport/db");

        vm.importFromUri();

        assertEquals(List.of("Import from URI"), reported);
        assertEquals(ErrorKind.BAD_INPUT, ((PartscopeException) failures.get(0)).kind());
        assertEquals("Billing", vm.nameProperty().get());
    }

    @Test
    void testConnectionUsesTheTypedPasswordAndShowsTheReportUntilTheFormChanges() {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        vm.passwordProperty().set("typed");

        vm.testConnection();

        assertEquals("typed", tested.get(0).password());
        assertEquals("db1.example.com", tested.get(0).host());
        assertEquals(REPORT, vm.testReportProperty().get());
        assertFalse(vm.activity().isBusy());

        vm.hostProperty().set("db2.example.com");
        assertNull(vm.testReportProperty().get());
    }

    @Test
    void aFailedTestReachesTheUser() {
        PartscopeException denied = new PartscopeException(ErrorKind.AUTHENTICATION_FAILED, "password authentication"
                + " failed for user \"dba\"");
        tester = (settings, cancellation) -> {
            throw denied;
        };
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");

        vm.testConnection();

        assertEquals(List.of("Test connection"), reported);
        assertEquals(denied, failures.get(0));
        assertNull(vm.testReportProperty().get());
    }

    @Test
    void aCorruptStoreIsReportedAndTheManagerStartsEmpty() throws IOException {
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{ nope");

        ConnectionManagerViewModel vm = viewModel();

        assertEquals(List.of("Read saved connections"), reported);
        assertTrue(vm.profiles().isEmpty());
        assertTrue(Files.exists(store.file().resolveSibling("connections.json.bak")));
    }

    @Test
    void aSessionPasswordComesBackWhenTheProfileIsEditedAgain() {
        ConnectionManagerViewModel vm = viewModel();
        fill(vm, "Billing");
        vm.passwordProperty().set("typed");
        ConnectionProfile saved = vm.connect().map(c -> ((ConnectionChoice.Profile) c).profile()).orElseThrow();

        ConnectionManagerViewModel reopened = viewModel();
        reopened.edit(reopened.profiles().get(0));

        assertEquals(saved.id(), reopened.editingIdProperty().get());
        assertEquals("typed", reopened.passwordProperty().get());
    }

    @Test
    void theDemoIsAChoiceToo() {
        ConnectionManagerViewModel vm = viewModel();

        assertTrue(vm.emptyProperty().get());
        assertInstanceOf(ConnectionChoice.Demo.class, vm.openDemo());
        assertInstanceOf(ConnectionChoice.Demo.class, vm.choiceProperty().get());
    }
}
