/**
 * Saved connection profiles, without JavaFX: {@link io.partscope.core.profile.ConnectionProfile} (where to connect,
 * its colour, the production read-only flag; never a password), {@link io.partscope.core.profile.ProfileStore}
 * (the JSON file in the user's config folder) and {@link io.partscope.core.profile.ConnectionCheck} ("Test
 * connection": server version and the role's privileges as a {@link io.partscope.core.profile.PrivilegeReport}).
 */
package io.partscope.core.profile;
