package io.partscope.ui.profiles;

/** The connection manager's style classes; the rules are in the "connection manager" section of partscope.css. */
public final class ProfileStyles {
    /** The connection manager's root pane. */
    public static final String MANAGER = "connection-manager";
    /** The list of saved profiles. */
    public static final String PROFILE_LIST = "profile-list";
    /** One row of that list. */
    public static final String PROFILE_CELL = "profile-cell";
    /** The profile's colour, as a small round swatch. */
    public static final String SWATCH = "profile-swatch";
    /** The name of a profile in the list. */
    public static final String PROFILE_NAME = "profile-name";
    /** The tag on a production profile: nothing may change there. */
    public static final String READ_ONLY_BADGE = "read-only-badge";
    /** The banner shown while no profile is saved. */
    public static final String EMPTY_BANNER = "profiles-empty-banner";
    /** The big "Open the demo database" button on that banner. */
    public static final String DEMO_BUTTON = "demo-button";
    /** The add/edit form. */
    public static final String FORM = "profile-form";
    /** The scroll pane around the form. */
    public static final String FORM_SCROLL = "profile-form-scroll";
    /** The form's heading ("New connection", "Edit connection"). */
    public static final String FORM_TITLE = "profile-form-title";
    /** A label naming a field of the form. */
    public static final String FIELD_LABEL = "profile-field-label";
    /** The import strip (URI and service). */
    public static final String IMPORT_BAR = "profile-import";
    /** Why Save is disabled. */
    public static final String VALIDATION = "profile-validation";
    /** The result of "Test connection". */
    public static final String TEST_RESULT = "profile-test-result";
    /** The first line of that result. */
    public static final String TEST_HEADLINE = "profile-test-headline";
    /** A line of the result that limits what Partscope can show. */
    public static final String TEST_LIMITATION = "profile-test-limitation";

    private ProfileStyles() {
    }
}
