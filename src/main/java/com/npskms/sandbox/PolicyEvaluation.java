package com.npskms.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The IAM policy language as far as the sandbox needs it: Allow/Deny, Action/NotAction, Resource/NotResource,
 * {@code *} and {@code ?} wildcards, Principal for key policies, and the {@code Bool} condition operator.
 * An explicit Deny always wins; with no matching Allow the answer is an implicit deny.
 */
final class PolicyEvaluation {

    /** The answer, named as SimulatePrincipalPolicy names it. */
    enum Decision {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        final String wire;

        Decision(String wire) {
            this.wire = wire;
        }
    }

    /** One policy document with where it came from (for SimulatePrincipalPolicy's matched statements). */
    record Source(String id, String document) {
    }

    /** What one evaluation found: the decision and the policies whose statements decided it. */
    record Outcome(Decision decision, List<String> matchedSources) {
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private PolicyEvaluation() {
    }

    /** Identity-policy evaluation: does any of these documents allow {@code action} on {@code resource}? */
    static Outcome evaluate(List<Source> policies, String action, String resource, Map<String, String> context) {
        boolean allowed = false;
        List<String> allowSources = new ArrayList<>();
        List<String> denySources = new ArrayList<>();
        for (Source source : policies) {
            JsonNode doc = parse(source.document());
            if (doc == null) {
                continue;
            }
            for (JsonNode st : statements(doc)) {
                if (!applies(st, action, resource, context)) {
                    continue;
                }
                if ("Deny".equals(st.path("Effect").asText())) {
                    denySources.add(source.id());
                } else if ("Allow".equals(st.path("Effect").asText())) {
                    allowed = true;
                    allowSources.add(source.id());
                }
            }
        }
        if (!denySources.isEmpty()) {
            return new Outcome(Decision.EXPLICIT_DENY, denySources);
        }
        return allowed ? new Outcome(Decision.ALLOWED, allowSources) : new Outcome(Decision.IMPLICIT_DENY, List.of());
    }

    /** What a key policy says about one principal: its own statements and the account-root statements. */
    record KeyPolicyAnswer(boolean directAllow, boolean directDeny, boolean rootAllow, boolean rootDeny) {
    }

    /**
     * Reads a key policy for a caller. {@code isCaller} tells whether a principal string names the caller
     * (its ARN or "*"); {@code isRoot} whether it names the account root (delegation to IAM policies).
     */
    static KeyPolicyAnswer keyPolicy(String policy, String action, String resource, Map<String, String> context,
                                     Predicate<String> isCaller, Predicate<String> isRoot) {
        JsonNode doc = parse(policy);
        boolean directAllow = false;
        boolean directDeny = false;
        boolean rootAllow = false;
        boolean rootDeny = false;
        if (doc != null) {
            for (JsonNode st : statements(doc)) {
                if (!applies(st, action, resource, context)) {
                    continue;
                }
                boolean deny = "Deny".equals(st.path("Effect").asText());
                for (String principal : principals(st)) {
                    if (isCaller.test(principal)) {
                        if (deny) {
                            directDeny = true;
                        } else {
                            directAllow = true;
                        }
                    } else if (isRoot.test(principal)) {
                        if (deny) {
                            rootDeny = true;
                        } else {
                            rootAllow = true;
                        }
                    }
                }
            }
        }
        return new KeyPolicyAnswer(directAllow, directDeny, rootAllow, rootDeny);
    }

    /** The AWS principals a statement names ("*" for everyone). */
    static List<String> principals(JsonNode st) {
        List<String> out = new ArrayList<>();
        JsonNode p = st.get("Principal");
        if (p == null) {
            return out;
        }
        if (p.isTextual()) {
            out.add(p.asText());
            return out;
        }
        JsonNode aws = p.get("AWS");
        if (aws != null) {
            out.addAll(strings(aws));
        }
        return out;
    }

    static List<JsonNode> statements(JsonNode doc) {
        JsonNode st = doc.get("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (st == null) {
            return out;
        }
        if (st.isArray()) {
            st.forEach(out::add);
        } else if (st.isObject()) {
            out.add(st);
        }
        return out;
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static boolean applies(JsonNode st, String action, String resource, Map<String, String> context) {
        boolean actionMatch;
        if (st.has("Action")) {
            actionMatch = anyMatch(strings(st.get("Action")), action, true);
        } else if (st.has("NotAction")) {
            actionMatch = !anyMatch(strings(st.get("NotAction")), action, true);
        } else {
            return false;
        }
        if (!actionMatch) {
            return false;
        }
        boolean resourceMatch;
        if (st.has("Resource")) {
            resourceMatch = anyMatch(strings(st.get("Resource")), resource, false);
        } else if (st.has("NotResource")) {
            resourceMatch = !anyMatch(strings(st.get("NotResource")), resource, false);
        } else {
            return false;
        }
        return resourceMatch && conditionsHold(st.get("Condition"), context);
    }

    /** Only {@code Bool} is understood; any other operator, or a key the request lacks, does not match. */
    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        if (condition == null || condition.isEmpty()) {
            return true;
        }
        var operators = condition.fields();
        while (operators.hasNext()) {
            var op = operators.next();
            if (!"Bool".equals(op.getKey())) {
                return false;
            }
            var keys = op.getValue().fields();
            while (keys.hasNext()) {
                var k = keys.next();
                String actual = null;
                for (Map.Entry<String, String> e : context.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(k.getKey())) {
                        actual = e.getValue();
                    }
                }
                if (actual == null) {
                    return false;
                }
                boolean any = false;
                for (String expected : strings(k.getValue())) {
                    any |= expected.equalsIgnoreCase(actual);
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
        for (String p : patterns) {
            if (wildcardMatch(p, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *} matches any run of characters, {@code ?} exactly one. */
    static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
        if ("*".equals(pattern)) {
            return true;
        }
        String key = (ignoreCase ? "i:" : "c:") + pattern;
        Pattern compiled = PATTERNS.computeIfAbsent(key, k -> {
            StringBuilder re = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        re.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    re.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                re.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
        });
        return compiled.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }

    static JsonNode parse(String document) {
        if (document == null) {
            return null;
        }
        try {
            JsonNode n = WireFormat.JSON.readTree(document);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
