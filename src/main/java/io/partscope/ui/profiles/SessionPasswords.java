package io.partscope.ui.profiles;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords the user typed for saved profiles, by profile id, for as long as the app runs. Never written anywhere:
 * the issue asks for no plain-text password on disk, and {@code ~/.pgpass} is the place for a lasting one. The app
 * keeps one instance and passes it to every {@link ConnectionManagerViewModel} it opens.
 */
public final class SessionPasswords {
    private final Map<String, String> byProfileId = new ConcurrentHashMap<>();

    public Optional<String> get(String profileId) {
        return Optional.ofNullable(byProfileId.get(profileId));
    }

    /** Remembers the password, or forgets the profile's one when the password is null or empty. */
    public void put(String profileId, String password) {
        if (password == null || password.isEmpty()) {
            byProfileId.remove(profileId);
        } else {
            byProfileId.put(profileId, password);
        }
    }

    public void forget(String profileId) {
        byProfileId.remove(profileId);
    }

    @Override
    public String toString() {
        return "SessionPasswords[" + byProfileId.size() + " kept]";
    }
}
