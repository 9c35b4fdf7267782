package io.partscope.ui.explain;

import io.partscope.core.explain.PruningFinding;
import io.partscope.ui.Styles;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The pruning lint of one partition set: why the query prunes fewer partitions than it could, the expression at
 * fault and the rewrite. Says so plainly when there is nothing to report, so an empty box is never ambiguous.
 */
public final class FindingsView extends VBox {
    public static final String ID = "explain-findings";
    private final Label title = new Label("Pruning lint");

    public FindingsView() {
        super(4);
        setId(ID);
        getStyleClass().add(Styles.EXPLAIN_FINDINGS);
        title.getStyleClass().add(Styles.SECTION_TITLE);
        show(null, List.of());
    }

    /**
     * Shows the findings about this set (and those about the whole statement, such as a setting); {@code target}
     * null shows nothing.
     */
    public void show(String target, List<PruningFinding> all) {
        getChildren().setAll(title);
        if (target == null) {
            title.setText("Pruning lint");
            return;
        }
        List<PruningFinding> mine = all.stream()
                .filter(f -> f.target() == null || f.target().equals(target))
                .toList();
        title.setText(mine.isEmpty() ? "Pruning lint: nothing to report"
                : "Pruning lint: " + mine.size() + (mine.size() == 1 ? " finding" : " findings"));
        for (PruningFinding f : mine) {
            getChildren().add(card(f));
        }
    }

    /** The number of findings shown (for tests and the status line). */
    public int shownCount() {
        return getChildren().size() - 1;
    }

    private static VBox card(PruningFinding f) {
        Label kind = new Label(words(f.kind()));
        kind.getStyleClass().addAll(Styles.WARNING, Styles.EXPLAIN_FINDING_KIND);
        Label message = wrapping(f.message());
        VBox card = new VBox(2, kind);
        if (f.expression() != null && !f.expression().isBlank()) {
            Label expression = wrapping(f.expression());
            expression.getStyleClass().add(Styles.CODE);
            card.getChildren().add(expression);
        }
        card.getChildren().add(message);
        if (f.suggestion() != null && !f.suggestion().isBlank()) {
            Label fix = wrapping("Fix: " + f.suggestion());
            fix.getStyleClass().add(Styles.EXPLAIN_FINDING_FIX);
            card.getChildren().add(fix);
        }
        card.getStyleClass().add(Styles.EXPLAIN_FINDING);
        return card;
    }

    /**
     * A label that wraps and keeps every line: a VBox would otherwise squeeze it to one line with an ellipsis when
     * the box is short (the "Fix:" line went first); the scroll pane around the lint scrolls instead.
     */
    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    /** FUNCTION_ON_KEY becomes "Function on the key". */
    static String words(PruningFinding.Kind kind) {
        String s = switch (kind) {
            case FUNCTION_ON_KEY -> "function on the key";
            case CAST_ON_KEY -> "cast on the key";
            case CROSS_TYPE_COMPARISON -> "comparison type outside the key's operator family";
            case COLLATION_MISMATCH -> "collation mismatch";
            case OR_WITH_NON_KEY -> "OR with a column that is not the key";
            case VOLATILE_FUNCTION -> "volatile function";
            case PRUNING_DISABLED -> "enable_partition_pruning is off";
            case GENERIC_PLAN -> "generic plan: pruning only at executor start";
            case STABLE_FUNCTION -> "stable function: pruning only at executor start";
            case NO_KEY_FILTER -> "no filter on the partition key";
        };
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
