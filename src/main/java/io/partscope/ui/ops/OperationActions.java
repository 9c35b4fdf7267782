package io.partscope.ui.ops;

import io.partscope.core.catalog.PartitionSet;
import io.partscope.core.catalog.RelationName;
import io.partscope.core.catalog.SetKind;
import io.partscope.ui.browser.PartitionSetRow;
import io.partscope.ui.connect.ConnectionViewModel;
import io.partscope.ui.session.ConnectionSession;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

/**
 * The entry points of the operation wizards for one tab: "Create partitions…" and "Freeze…" on the selected set,
 * disabled with the reason when the tab's profile is read-only or no declarative set is selected.
 */
public final class OperationActions {
    public static final String CREATE_ITEM_ID = "createPartitionsMenuItem";
    public static final String FREEZE_ITEM_ID = "freezeMenuItem";
    public static final String SPLIT_DEFAULT_ITEM_ID = "splitDefaultMenuItem";
    public static final String SPLIT_DEFAULT_MEMBER_ITEM_ID = "splitDefaultMemberMenuItem";

    private OperationActions() {
    }

    /** Why the wizards cannot open now, or "" when they can. */
    public static StringBinding disabledReason(ConnectionSession session) {
        return Bindings.createStringBinding(() -> reason(session),
                session.connection().originProperty(), session.browser().selectedProperty(),
                session.connection().databaseProperty());
    }

    static String reason(ConnectionSession session) {
        if (session.connection().database() == null) {
            return "Not connected";
        }
        ConnectionViewModel.Origin origin = session.connection().originProperty().get();
        if (origin != null && origin.readOnly()) {
            return "The profile \"" + origin.name() + "\" is read-only: operations are disabled";
        }
        PartitionSetRow row = session.browser().selectedProperty().get();
        if (row == null) {
            return "Select a partition set first";
        }
        if (session.browser().isListedOnly(row)) {
            // A summary row has no partitions yet: a wizard must not plan from an empty set.
            return "The partitions of " + row.name() + " are still being read";
        }
        if (row.set().kind() != SetKind.DECLARATIVE || row.set().strategy() == null) {
            return row.name() + " uses table inheritance: operations work on declarative sets";
        }
        return "";
    }

    /** A menu item for the create wizard (text, disabled state and tooltip follow the session). */
    public static MenuItem createItem(java.util.function.Supplier<ConnectionSession> session, Node owner) {
        MenuItem item = new MenuItem("Create partitions…");
        item.setId(CREATE_ITEM_ID);
        item.setOnAction(e -> openCreate(session.get(), owner.getScene() == null ? null : owner.getScene().getWindow()));
        return item;
    }

    public static MenuItem freezeItem(java.util.function.Supplier<ConnectionSession> session, Node owner) {
        MenuItem item = new MenuItem("Freeze…");
        item.setId(FREEZE_ITEM_ID);
        item.setOnAction(e -> openFreeze(session.get(), owner.getScene() == null ? null : owner.getScene().getWindow()));
        return item;
    }

    public static MenuItem splitDefaultItem(java.util.function.Supplier<ConnectionSession> session, Node owner) {
        MenuItem item = new MenuItem("Split DEFAULT…");
        item.setId(SPLIT_DEFAULT_ITEM_ID);
        item.setOnAction(e -> openSplitDefault(session.get(),
                owner.getScene() == null ? null : owner.getScene().getWindow()));
        return item;
    }

    /**
     * "Split DEFAULT…" for the members table: shown only on the DEFAULT partition directly under the root, disabled
     * with the same reasons as the other operations.
     */
    public static MenuItem splitDefaultMemberItem(ConnectionSession session,
            javafx.scene.control.TableView<io.partscope.ui.browser.MemberTree.MemberLine> members) {
        MenuItem item = new MenuItem("Split DEFAULT…");
        item.setId(SPLIT_DEFAULT_MEMBER_ITEM_ID);
        item.setOnAction(e -> openSplitDefault(session,
                members.getScene() == null ? null : members.getScene().getWindow()));
        item.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            var line = members.getSelectionModel().getSelectedItem();
            return line != null && line.row().member() != null && line.row().member().isDefault()
                    && line.row().member().level() == 1;
        }, members.getSelectionModel().selectedItemProperty()));
        item.disableProperty().bind(disabledReason(session).isNotEmpty());
        return item;
    }

    /** The context menu of a tab's sets table and navigator: the items, disabled with the reason. */
    public static ContextMenu contextMenu(ConnectionSession session, Node owner) {
        MenuItem create = createItem(() -> session, owner);
        MenuItem freeze = freezeItem(() -> session, owner);
        MenuItem split = splitDefaultItem(() -> session, owner);
        MenuItem why = new MenuItem();
        why.setDisable(true);
        StringBinding reason = disabledReason(session);
        why.textProperty().bind(reason);
        why.visibleProperty().bind(reason.isNotEmpty());
        create.disableProperty().bind(reason.isNotEmpty());
        freeze.disableProperty().bind(reason.isNotEmpty());
        split.disableProperty().bind(reason.isNotEmpty());
        return new ContextMenu(create, freeze, split, why);
    }

    /** Opens the create wizard on the session's selected set (does nothing when it may not open). */
    public static OperationWizard openCreate(ConnectionSession session, Window owner) {
        if (session == null || !reason(session).isEmpty()) {
            return null;
        }
        PartitionSet set = session.browser().selectedProperty().get().set();
        return open(session, owner, new CreatePartitionsWizardModel(set));
    }

    public static OperationWizard openFreeze(ConnectionSession session, Window owner) {
        if (session == null || !reason(session).isEmpty()) {
            return null;
        }
        PartitionSet set = session.browser().selectedProperty().get().set();
        return open(session, owner, new FreezeWizardModel(set.relationName().qualified()));
    }

    public static OperationWizard openSplitDefault(ConnectionSession session, Window owner) {
        if (session == null || !reason(session).isEmpty()) {
            return null;
        }
        PartitionSet set = session.browser().selectedProperty().get().set();
        return open(session, owner, new SplitDefaultWizardModel(set));
    }

    private static OperationWizard open(ConnectionSession session, Window owner, WizardModel model) {
        ConnectionViewModel.Origin origin = session.connection().originProperty().get();
        OperationWizard wizard = new OperationWizard(owner, model, session.activity(),
                session.connection().database(), origin != null && origin.readOnly(), session.browser()::refresh);
        wizard.show();
        return wizard;
    }

    // Detach and finalize, from the member tree (branch ops-detach).
    public static final String DETACH_ITEM_ID = "detachMenuItem";
    public static final String FINALIZE_ITEM_ID = "finalizeDetachMenuItem";

    /**
     * Adds "Detach partition…" and "Finalize detach…" to the context menu of the set's member tree: enabled for a
     * member below the root (Finalize only for one pending detach), disabled with the reason otherwise.
     */
    public static void installMemberActions(ConnectionSession session,
            javafx.scene.control.TableView<io.partscope.ui.browser.MemberTree.MemberLine> table, Node owner) {
        MenuItem detach = new MenuItem("Detach partition…");
        detach.setId(DETACH_ITEM_ID);
        MenuItem finalize = new MenuItem("Finalize detach…");
        finalize.setId(FINALIZE_ITEM_ID);
        MenuItem why = new MenuItem();
        why.setDisable(true);
        StringBinding reason = Bindings.createStringBinding(() -> memberReason(session,
                table.getSelectionModel().getSelectedItem()), session.connection().originProperty(),
                session.browser().selectedProperty(), session.connection().databaseProperty(),
                table.getSelectionModel().selectedItemProperty());
        why.textProperty().bind(reason);
        why.visibleProperty().bind(reason.isNotEmpty());
        detach.disableProperty().bind(Bindings.createBooleanBinding(() -> !reason.get().isEmpty()
                || pending(table.getSelectionModel().getSelectedItem()), reason));
        finalize.disableProperty().bind(Bindings.createBooleanBinding(() -> !reason.get().isEmpty()
                || !pending(table.getSelectionModel().getSelectedItem()), reason));
        detach.setOnAction(e -> openDetach(session, table.getSelectionModel().getSelectedItem(),
                owner.getScene() == null ? null : owner.getScene().getWindow()));
        finalize.setOnAction(e -> openFinalize(session, table.getSelectionModel().getSelectedItem(),
                owner.getScene() == null ? null : owner.getScene().getWindow()));
        ContextMenu menu = table.getContextMenu() == null ? new ContextMenu() : table.getContextMenu();
        menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), detach, finalize, why);
        table.setContextMenu(menu);
    }

    private static boolean pending(io.partscope.ui.browser.MemberTree.MemberLine line) {
        return line != null && line.row().member().detachPending();
    }

    static String memberReason(ConnectionSession session, io.partscope.ui.browser.MemberTree.MemberLine line) {
        String r = reason(session);
        if (!r.isEmpty()) {
            return r;
        }
        if (line == null || line.row().member().parentName() == null || line.row().member().level() < 1) {
            return "Select a partition of the set first";
        }
        return "";
    }

    private static RelationName name(io.partscope.ui.browser.MemberTree.MemberLine line) {
        return new RelationName(line.row().member().schema(), line.row().member().name());
    }

    private static RelationName parent(io.partscope.ui.browser.MemberTree.MemberLine line) {
        return new RelationName(line.row().member().parentSchema(), line.row().member().parentName());
    }

    /** Opens the detach wizard on a member of the selected set (does nothing when it may not open). */
    public static OperationWizard openDetach(ConnectionSession session,
            io.partscope.ui.browser.MemberTree.MemberLine line, Window owner) {
        if (session == null || !memberReason(session, line).isEmpty()) {
            return null;
        }
        return open(session, owner, new DetachWizardModel(name(line), parent(line)));
    }

    public static OperationWizard openFinalize(ConnectionSession session,
            io.partscope.ui.browser.MemberTree.MemberLine line, Window owner) {
        if (session == null || !memberReason(session, line).isEmpty() || !pending(line)) {
            return null;
        }
        return open(session, owner, new FinalizeWizardModel(name(line), parent(line)));
    }
}
