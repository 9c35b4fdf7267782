package io.partscope.ui;

import java.util.Objects;

/**
 * The style classes of partscope.css, as constants, so code never spells a class name twice and never styles a
 * node inline. Colours and sizes live only in the stylesheet.
 */
public final class Styles {
    /**
     * The application stylesheet, the only one: added to every scene and dialog by {@link io.partscope.ui.theme.Themes}
     * ({@code Themes.style(scene)}, {@code Themes.style(dialogPane)}), which also applies the light or dark palette.
     */
    public static final String STYLESHEET =
            Objects.requireNonNull(Styles.class.getResource("partscope.css"), "partscope.css").toExternalForm();

    /** The top bar holding the connection form. */
    public static final String CONNECTION_BAR = "connection-bar";
    /** The app's name next to its mark in the top bar. */
    public static final String BRAND = "brand";
    /** The main action of a form. */
    public static final String PRIMARY = "primary";
    /** A small heading above a table. */
    public static final String SECTION_TITLE = "section-title";
    /** A quiet secondary label (counts, hints). */
    public static final String MUTED = "muted";
    /** The strip above a table holding its title and filter field. */
    public static final String TABLE_HEADER = "table-header";
    /** The bottom status bar. */
    public static final String STATUS_BAR = "status-bar";
    /** A search/filter field. */
    public static final String FILTER_FIELD = "filter-field";
    /** A placeholder shown by an empty table. */
    public static final String PLACEHOLDER = "placeholder-text";

    /** Right-aligned, tabular numbers. */
    public static final String NUMERIC = "numeric";
    /** Monospaced text: SQL fragments such as partition keys and bounds. */
    public static final String CODE = "code";
    /** A value a DBA should look at soon. */
    public static final String WARNING = "warning";
    /** A value that needs action now. */
    public static final String DANGER = "danger";
    /** A small rounded tag (DEFAULT, DETACH PENDING, UNLOGGED...). */
    public static final String BADGE = "badge";
    /** A flag that names a problem (see core.catalog.Problem). */
    public static final String BADGE_PROBLEM = "badge-problem";

    // navigator and tabs (the shell: ui.session, ui.navigator)
    /** The navigator pane on the left of a connection tab. */
    public static final String NAVIGATOR = "navigator";
    /** The navigator's tree. */
    public static final String NAVIGATOR_TREE = "navigator-tree";
    /** The numbers after a navigator line's name. */
    public static final String NAVIGATOR_DETAIL = "navigator-detail";
    /** A navigator line that needs a look (as a problem set in the sets table). */
    public static final String NAVIGATOR_PROBLEM = "navigator-problem";
    /** A database line of the navigator. */
    public static final String NAVIGATOR_DATABASE = "navigator-database";
    /** The database the tab is connected to. */
    public static final String NAVIGATOR_CURRENT = "navigator-current";
    /** The tab pane holding one tab per connection. */
    public static final String CONNECTION_TABS = "connection-tabs";
    /** The profile colour chip on a connection tab. */
    public static final String TAB_CHIP = "tab-chip";
    /** The READ-ONLY mark on a connection tab. */
    public static final String TAB_READ_ONLY = "tab-read-only";
    /** The member table (the flattened partition tree) of the selected set. */
    public static final String MEMBER_TREE = "member-tree";
    /** The name cell of a member row: indentation, disclosure arrow, name. */
    public static final String MEMBER_NAME_CELL = "member-name";
    /** The disclosure arrow of a member with children; pseudo-class :expanded when open. */
    public static final String MEMBER_DISCLOSURE = "member-disclosure";
    /** Pseudo-class of a member row shown only because a descendant matches the filter (muted). */
    public static final String MEMBER_CONTEXT = "member-context";
    /** The inline bar behind a member's size. */
    public static final String SIZE_BAR = "size-bar";
    /** The size text drawn over the bar. */
    public static final String SIZE_BAR_TEXT = "size-bar-text";

    /* ---------- explain (ui.explain) ---------- */
    /** The EXPLAIN pane of a connection. */
    public static final String EXPLAIN_PANE = "explain-pane";
    /** The query editor with its toggles and actions. */
    public static final String EXPLAIN_EDITOR_BOX = "explain-editor-box";
    /** The query and setup text areas (monospaced). */
    public static final String EXPLAIN_EDITOR = "explain-editor";
    /** The row of setup toggles. */
    public static final String EXPLAIN_TOGGLES = "explain-toggles";
    /** "runs inside a transaction that is rolled back". */
    public static final String EXPLAIN_ROLLBACK_NOTE = "explain-rollback-note";
    /** The server's error under the editor. */
    public static final String EXPLAIN_ERROR = "explain-error";
    /** The partition-set side of the result. */
    public static final String EXPLAIN_RESULT_SIDE = "explain-result-side";
    /** One partition set drawn: header, legend, grid, timeline. */
    public static final String EXPLAIN_TARGET = "explain-target";
    /** The counts line of a partition set. */
    public static final String EXPLAIN_TARGET_HEADER = "explain-target-header";
    /** The legend of the leaf states. */
    public static final String EXPLAIN_LEGEND = "explain-legend";
    /** One state in the legend. */
    public static final String EXPLAIN_LEGEND_ENTRY = "explain-legend-entry";
    /** The leaves grid (a Canvas). */
    public static final String EXPLAIN_GRID = "explain-grid";
    /** The scroll pane around the leaves grid. */
    public static final String EXPLAIN_GRID_SCROLL = "explain-grid-scroll";
    /** The range timeline strip (a Canvas). */
    public static final String EXPLAIN_TIMELINE = "explain-timeline";
    /** The lowest and highest value under the timeline. */
    public static final String EXPLAIN_TIMELINE_LABEL = "explain-timeline-label";
    /** The line naming the hovered or selected leaf. */
    public static final String EXPLAIN_LEAF_LINE = "explain-leaf-line";
    /** The tooltip of a leaf cell. */
    public static final String EXPLAIN_LEAF_TOOLTIP = "explain-leaf-tooltip";
    /** A hidden Region whose background is a colour a Canvas draws with. */
    public static final String EXPLAIN_SWATCH = "explain-swatch";
    /** Swatch: a scanned leaf. */
    public static final String EXPLAIN_STATE_SCANNED = "explain-state-scanned";
    /** Swatch: a leaf whose scan never executed. */
    public static final String EXPLAIN_STATE_NEVER_EXECUTED = "explain-state-never-executed";
    /** Swatch: a leaf removed at executor start. */
    public static final String EXPLAIN_STATE_REMOVED = "explain-state-removed";
    /** Swatch: a leaf pruned at plan time. */
    public static final String EXPLAIN_STATE_PRUNED = "explain-state-pruned";
    /** Swatch: the pattern marks over a cell (hatching, hollow centre). */
    public static final String EXPLAIN_SWATCH_MARK = "explain-swatch-mark";
    /** Swatch: the outline of a leaf that differs between A and B. */
    public static final String EXPLAIN_SWATCH_HIGHLIGHT = "explain-swatch-highlight";
    /** Swatch: the outline of the selected leaf. */
    public static final String EXPLAIN_SWATCH_SELECTION = "explain-swatch-selection";
    /** The plan tree with its conditions line. */
    public static final String EXPLAIN_PLAN = "explain-plan";
    /** The selected plan node's conditions. */
    public static final String EXPLAIN_CONDITIONS = "explain-conditions";
    /** A plan row that groups sibling scans. */
    public static final String EXPLAIN_GROUP_ROW = "explain-group-row";
    /** A plan row that never executed. */
    public static final String EXPLAIN_NEVER_EXECUTED_ROW = "explain-never-executed-row";
    /** The A/B comparison. */
    public static final String EXPLAIN_COMPARISON = "explain-comparison";
    /** The A/B numbers table. */
    public static final String EXPLAIN_COMPARISON_TABLE = "explain-comparison-table";
    /** "A: setup" above a side of the comparison. */
    /** The pruning lint box under a partition set. */
    public static final String EXPLAIN_FINDINGS = "explain-findings";
    /** One lint finding. */
    public static final String EXPLAIN_FINDING = "explain-finding";
    /** A finding's kind, in words. */
    public static final String EXPLAIN_FINDING_KIND = "explain-finding-kind";
    /** A finding's proposed rewrite. */
    public static final String EXPLAIN_FINDING_FIX = "explain-finding-fix";
    /** The views of a connection tab (partition sets, EXPLAIN). */
    public static final String SESSION_VIEWS = "session-views";
    public static final String EXPLAIN_SIDE_LABEL = "explain-side-label";
    /** A value that differs between A and B. */
    public static final String EXPLAIN_DIFFERS = "explain-differs";

    /** Operations wizards: a page, its form, the button bar, the SQL preview, preflight lines, a PASS mark. */
    public static final String WIZARD_PAGE = "wizard-page";
    public static final String WIZARD_FORM = "wizard-form";
    public static final String WIZARD_BUTTONS = "wizard-buttons";
    public static final String WIZARD_SQL = "wizard-sql";
    public static final String WIZARD_CHECKS = "wizard-checks";
    public static final String WIZARD_CHECK = "wizard-check";
    public static final String WIZARD_CHECK_ICON = "wizard-check-icon";
    public static final String WIZARD_PASS = "wizard-pass";

    private Styles() {
    }
}
