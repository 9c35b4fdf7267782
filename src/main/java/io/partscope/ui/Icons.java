package io.partscope.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;

/** The application icon in the sizes packed under {@code io/partscope/ui/icons/}. */
public final class Icons {
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private Icons() {
    }

    /** The icon at one of the packed sizes (16, 32, 48, 64, 128, 256). */
    public static Image appIcon(int size) {
        String name = "icons/partscope-" + size + ".png";
        try (InputStream in = Objects.requireNonNull(Icons.class.getResourceAsStream(name), name)) {
            return new Image(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every packed size, for {@code Stage.getIcons()} (the window manager picks). */
    public static List<Image> windowIcons() {
        return Arrays.stream(SIZES).mapToObj(Icons::appIcon).toList();
    }
}
