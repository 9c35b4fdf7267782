package io.partscope.ui.details;

/**
 * The style classes of the details pane, which {@link MemberDetailsPane} adds to its nodes; the rules are in the
 * "details pane" section of partscope.css (the one stylesheet, on the scene).
 */
public final class DetailsStyles {
    /** The pane itself. */
    public static final String PANE = "member-details";
    /** The strip at the top with the member's name, badges, progress and Cancel. */
    public static final String HEADER = "details-header";
    /** The member's name in the header. */
    public static final String TITLE = "details-title";
    /** The column of sections inside the scroll pane. */
    public static final String SECTIONS = "details-sections";
    /** One section (definition, bound and storage, indexes, statistics). */
    public static final String SECTION = "details-section";
    /** A section's heading. */
    public static final String SECTION_TITLE = "details-section-title";
    /** The DDL text area: monospaced, selectable. */
    public static final String DDL = "details-ddl";
    /** A note from the reader (locked member, missing sizes). */
    public static final String NOTE = "details-note";
    /** The name column of a two-column grid. */
    public static final String KEY = "details-key";
    /** The value column of a two-column grid. */
    public static final String VALUE = "details-value";
    /** A tag in the header: DEFAULT, UNLOGGED, LOCKED... */
    public static final String BADGE = "details-badge";
    /** The text shown when nothing is selected, or while loading. */
    public static final String PLACEHOLDER = "details-placeholder";
    /** A value a DBA should look at soon. */
    public static final String WARNING = "details-warning";
    /** A value that needs action now. */
    public static final String DANGER = "details-danger";
    /** The small table of indexes. */
    public static final String INDEXES = "details-indexes";

    private DetailsStyles() {
    }
}
