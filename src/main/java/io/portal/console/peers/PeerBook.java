package io.portal.console.peers;

import io.portal.console.Messages;
import io.portal.console.identity.Base32;
import io.portal.console.identity.IdParser;
import io.portal.console.identity.PortalId;
import io.portal.console.identity.PortalProfile;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules for the owner's peers, the same for the GUI, the CLI and the peer service: who may be added, how a
 * peer is named and found, and how a removal is undone. Refusals are values carrying the message to show.
 */
public final class PeerBook {
    private final PeerRepository repository;
    private final PortalId ownId;
    private final Clock clock;

    public PeerBook(PeerRepository repository, PortalId ownId, Clock clock) {
        this.repository = repository;
        this.ownId = ownId;
        this.clock = clock;
    }

    /** A peer with the number of apps it may use. */
    public record Listing(Peer peer, int sharedApps) {
    }

    /** The outcome of {@link #add}. */
    public sealed interface AddResult permits Added, Refused {
    }

    public record Added(Peer peer) implements AddResult {
    }

    public record Refused(String message) implements AddResult {
    }

    /** The outcome of {@link #resolve}: one peer, several, or none. */
    public sealed interface Resolution permits Found, Ambiguous, NotFound {
    }

    public record Found(Peer peer) implements Resolution {
    }

    public record Ambiguous(String query, List<Peer> matches, String message) implements Resolution {
        public Ambiguous {
            matches = List.copyOf(matches);
        }
    }

    public record NotFound(String query, String message) implements Resolution {
    }

    public List<Listing> listings() {
        List<Peer> peers = repository.list();
        Map<PortalId, Integer> counts = repository.sharedAppCounts();
        List<Listing> listings = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            listings.add(new Listing(peer, counts.getOrDefault(peer.id(), 0)));
        }
        return listings;
    }

    public List<Peer> list() {
        return repository.list();
    }

    /** Why this ID cannot be added (it is this Portal's own, or already a peer), or empty. */
    public Optional<String> problemAdding(PortalId id) {
        if (id.equals(ownId)) {
            return Optional.of(Messages.get("peer.error.own"));
        }
        return repository.find(id).map(existing -> Messages.get("peer.error.duplicate", existing.name()));
    }

    /**
     * Adds a peer. A blank name becomes the short ID; addresses are checked as {@code host:port} and stored
     * normalised. Nothing changes when it is refused.
     */
    public AddResult add(PortalId id, String name, List<String> addresses) {
        String effectiveName = name == null || name.isBlank() ? id.shortId() : name.strip();
        Optional<String> problem = validateName(effectiveName).or(() -> problemAdding(id));
        if (problem.isPresent()) {
            return new Refused(problem.get());
        }
        AddressCheck check = checkAddresses(addresses);
        if (check.problem().isPresent()) {
            return new Refused(check.problem().get());
        }
        Peer peer = Peer.added(id, effectiveName, check.addresses(), clock.instant());
        if (!repository.add(peer)) {
            return new Refused(problemAdding(id).orElse(Messages.get("peer.error.duplicate", id.shortId())));
        }
        return new Added(peer);
    }

    /** The peer names' rules: those of the Portal's own name, worded for a peer. */
    public static Optional<String> validateName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            return Optional.of(Messages.get("peer.name.error.empty"));
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > PortalProfile.MAX_NAME_LENGTH) {
            return Optional.of(Messages.get("peer.name.error.long", length, PortalProfile.MAX_NAME_LENGTH));
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(Messages.get("peer.name.error.control"));
        }
        return Optional.empty();
    }

    /** Addresses checked one by one: the normalised list, or the first problem (naming the line when several). */
    public record AddressCheck(List<String> addresses, Optional<String> problem) {
        public AddressCheck {
            addresses = List.copyOf(addresses);
        }
    }

    public static AddressCheck checkAddresses(List<String> inputs) {
        List<String> normalised = new ArrayList<>();
        List<String> given = inputs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = 0; i < given.size(); i++) {
            HostPort.Result result = HostPort.parse(given.get(i));
            if (result instanceof HostPort.Invalid invalid) {
                String message = given.size() == 1 ? invalid.message()
                        : Messages.get("address.error.line", i + 1, invalid.message());
                return new AddressCheck(List.of(), Optional.of(message));
            }
            String address = ((HostPort.Valid) result).address().toString();
            if (!normalised.contains(address)) {
                normalised.add(address);
            }
        }
        return new AddressCheck(normalised, Optional.empty());
    }

    /** Splits a field with one address per line (commas and spaces also separate). */
    public static List<String> splitAddresses(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.strip().split("[\\s,;]+"));
    }

    /**
     * Finds a peer from what a person typed: any form the ID parser accepts, or the start of a canonical ID
     * (at least one character; case, separators and the look-alikes 0/1/8 are forgiven as in full IDs).
     */
    public Resolution resolve(String query) {
        String text = query == null ? "" : query.strip();
        IdParser.Result parsed = IdParser.parse(text);
        if (parsed instanceof IdParser.Valid valid) {
            return repository.find(valid.id()).<Resolution>map(Found::new)
                    .orElseGet(() -> new NotFound(text, Messages.get("peer.error.noSuchId", valid.id().shortId())));
        }
        Optional<String> prefix = prefix(text);
        if (prefix.isEmpty() || prefix.get().length() >= PortalId.LENGTH) {
            return new NotFound(text, Messages.get("peer.error.notAnId", text, ((IdParser.Invalid) parsed).message()));
        }
        List<Peer> matches = repository.findByPrefix(prefix.get());
        if (matches.isEmpty()) {
            return new NotFound(text, Messages.get("peer.error.noMatch", text));
        }
        if (matches.size() == 1) {
            return new Found(matches.get(0));
        }
        String list = matches.stream().map(p -> p.id().canonical().substring(0, Math.max(PortalId.SHORT_LENGTH,
                prefix.get().length() + 1)) + " " + p.name()).collect(Collectors.joining(", "));
        return new Ambiguous(text, matches, Messages.get("peer.error.ambiguous", text, matches.size(), list));
    }

    /** The canonical prefix a person meant, or empty when the text holds characters no ID has. */
    public static Optional<String> prefix(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char upper = switch (Character.toUpperCase(c)) {
                case '0' -> 'O';
                case '1' -> 'I';
                case '8' -> 'B';
                default -> Character.toUpperCase(c);
            };
            if (Base32.ALPHABET.indexOf(upper) < 0) {
                return Optional.empty();
            }
            out.append(upper);
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString().toUpperCase(Locale.ROOT));
    }

    /** Renames a peer; returns the reason when refused. */
    public Optional<String> rename(PortalId id, String name) {
        Optional<String> problem = validateName(name);
        if (problem.isPresent()) {
            return problem;
        }
        return repository.rename(id, name.strip()) ? Optional.empty() : Optional.of(missing(id));
    }

    public Optional<String> setState(PortalId id, PeerState state) {
        return repository.setState(id, state) ? Optional.empty() : Optional.of(missing(id));
    }

    /** Replaces a peer's addresses; returns the reason when refused. */
    public Optional<String> setAddresses(PortalId id, List<String> addresses) {
        AddressCheck check = checkAddresses(addresses);
        if (check.problem().isPresent()) {
            return check.problem();
        }
        return repository.setAddresses(id, check.addresses()) ? Optional.empty() : Optional.of(missing(id));
    }

    /** Removes a peer and returns what {@link #restore} needs to undo it. */
    public Optional<PeerRepository.Removed> remove(PortalId id) {
        return repository.removeReturning(id);
    }

    /** Undoes a removal; returns the reason when it cannot (the ID was added again meanwhile). */
    public Optional<String> restore(PeerRepository.Removed removed) {
        if (repository.restore(removed)) {
            return Optional.empty();
        }
        return Optional.of(problemAdding(removed.peer().id()).orElse(missing(removed.peer().id())));
    }

    private static String missing(PortalId id) {
        return Messages.get("peer.error.noSuchId", id.shortId());
    }
}
