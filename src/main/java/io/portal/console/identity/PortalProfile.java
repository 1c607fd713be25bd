package io.portal.console.identity;

import io.portal.console.Messages;
import io.portal.console.store.SettingsRepository;
import java.util.Optional;

/** Who this Portal is: its identity and the name its owner gives it (kept in the database). */
public final class PortalProfile {
    public static final int MAX_NAME_LENGTH = 64;

    private final Identity identity;
    private final SettingsRepository settings;

    public PortalProfile(Identity identity, SettingsRepository settings) {
        this.identity = identity;
        this.settings = settings;
    }

    public Identity identity() {
        return identity;
    }

    public PortalId id() {
        return identity.id();
    }

    /** The owner's name for this Portal, or "Portal ABC123" until one is set. */
    public String name() {
        return settings.get(SettingsRepository.PORTAL_NAME).orElseGet(this::defaultName);
    }

    public String defaultName() {
        return "Portal " + identity.id().shortId();
    }

    /** Sets the name; returns the reason when it is refused (and then nothing changes). */
    public Optional<String> rename(String name) {
        Optional<String> problem = validateName(name);
        if (problem.isEmpty()) {
            settings.put(SettingsRepository.PORTAL_NAME, name.strip());
        }
        return problem;
    }

    public static Optional<String> validateName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            return Optional.of(Messages.get("name.error.empty"));
        }
        if (stripped.codePointCount(0, stripped.length()) > MAX_NAME_LENGTH) {
            return Optional.of(Messages.get("name.error.long", stripped.codePointCount(0, stripped.length()),
                    MAX_NAME_LENGTH));
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(Messages.get("name.error.control"));
        }
        return Optional.empty();
    }
}
