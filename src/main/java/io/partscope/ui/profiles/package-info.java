/**
 * The connection manager: {@link io.partscope.ui.profiles.ConnectionManagerDialog} (a dialog whose result is a
 * {@link io.partscope.ui.profiles.ConnectionChoice}), its {@link io.partscope.ui.profiles.ConnectionManagerView} and
 * {@link io.partscope.ui.profiles.ConnectionManagerViewModel}. Passwords typed here live only in
 * {@link io.partscope.ui.profiles.SessionPasswords}; styles in profiles.css
 * ({@link io.partscope.ui.profiles.ProfileStyles}).
 */
package io.partscope.ui.profiles;
