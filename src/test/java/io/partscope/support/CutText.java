package io.partscope.support;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds text a user cannot read in full: a label, button or table cell (any {@link Labeled}) whose skin shows its
 * text cut with an ellipsis. JavaFX puts the shown text into a {@link Text} child of the control; when the text
 * does not fit, that child holds the shortened text, so the two differ. Call on the FX thread.
 */
public final class CutText {
    private CutText() {
    }

    /** "full text → shown text" for each showing control under {@code root} whose text is cut. */
    public static List<String> under(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String shown = shownText(labeled);
            String full = labeled.isMnemonicParsing() ? labeled.getText().replace("_", "") : labeled.getText();
            if (shown != null && !shown.replace("_", "").equals(full.replace("_", ""))) {
                cut.add(full + " → " + shown);
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, cut);
            }
        }
    }

    /** The text the skin draws, or null before the control has a skin. */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && text.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }
}
