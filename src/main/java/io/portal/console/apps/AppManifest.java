package io.portal.console.apps;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the console keeps of an app's {@code app.json}: its name, description, port and path rules, plus the exact
 * text it was read from. Container fields (image, data_dirs, services, …) are not modelled; the Portal runs the
 * app, the console only needs to know who may reach which path.
 *
 * @param paths the rules in manifest order (for v0 manifests: the default rule, then public, then peer paths)
 * @param json  the {@code app.json} text exactly as given
 */
public record AppManifest(String name, String description, OptionalInt port, List<PathRule> paths, String json) {
    /** What applies where no rule matches: private, no headers. */
    static final PathRule NO_RULE = new PathRule("", Access.PRIVATE);

    public AppManifest {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        port = port == null ? OptionalInt.empty() : port;
        paths = List.copyOf(paths);
        json = json == null ? "" : json;
    }

    /** The rule with the longest prefix matching the path; {@code ""} is the default; private when none matches. */
    public PathRule ruleFor(String path) {
        String target = path == null ? "" : path;
        PathRule best = null;
        for (PathRule rule : paths) {
            if (rule.matches(target) && (best == null || rule.prefix().length() > best.prefix().length())) {
                best = rule;
            }
        }
        return best == null ? NO_RULE : best;
    }

    public Access accessFor(String path) {
        return ruleFor(path).access();
    }

    /** The rules that let peers in. An app without any cannot be reached by peers, whatever the sharing. */
    public List<PathRule> peerPaths() {
        return paths.stream().filter(rule -> rule.access() == Access.PEER).toList();
    }
}
