package com.npskms.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading, writing and comparing IAM/KMS policy JSON (the comparison decides whether something can be reused). */
public final class PolicyJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyJson() {
    }

    /**
     * Parses a policy document. IAM returns documents URL-encoded (RFC 3986); those are decoded first.
     * Throws {@link IllegalArgumentException} for text that is not JSON.
     */
    public static JsonNode parse(String document) {
        if (document == null) {
            throw new IllegalArgumentException("no policy document");
        }
        String text = document.strip();
        if (text.startsWith("%")) {
            // '+' is a literal plus in RFC 3986 encoding, not a space.
            text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage());
        }
    }

    /** Indented JSON, as shown in previews and sent to AWS. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact JSON. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when both documents mean the same: key order and whitespace ignored, a single value equal to a
     * one-element list, and the order of Action/Resource/Principal lists ignored (IAM treats them as sets).
     */
    public static boolean sameDocument(String a, String b) {
        return normalize(parse(a)).equals(normalize(parse(b)));
    }

    /** The same as {@link #sameDocument(String, String)} for parsed documents. */
    public static boolean sameDocument(JsonNode a, JsonNode b) {
        return normalize(a).equals(normalize(b));
    }

    /** A canonical form: one-element arrays become their element, string arrays are sorted. */
    static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), normalize(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            if (node.size() == 1) {
                return normalize(node.get(0));
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(n -> items.add(normalize(n)));
            boolean allText = items.stream().allMatch(JsonNode::isTextual);
            if (allText) {
                items.sort((x, y) -> x.asText().compareTo(y.asText()));
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }

    /** The values of a field that may hold one string or a list of strings (Action, Resource, AWS principal). */
    static List<String> strings(JsonNode field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isNull() || field.isMissingNode()) {
            return out;
        }
        if (field.isArray()) {
            field.forEach(n -> out.add(n.asText()));
        } else {
            out.add(field.asText());
        }
        return out;
    }

    /** The statements of a policy (one object or a list). */
    static List<JsonNode> statements(JsonNode policy) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode st = policy.get("Statement");
        if (st == null) {
            return out;
        }
        if (st.isArray()) {
            st.forEach(out::add);
        } else {
            out.add(st);
        }
        return out;
    }

    /** True when an IAM action pattern (wildcards {@code *} and {@code ?}, case-insensitive) matches the action. */
    static boolean actionMatches(String pattern, String action) {
        return wildcard(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
    }

    /** True when a resource pattern (wildcards, case-sensitive) matches the resource. */
    static boolean resourceMatches(String pattern, String resource) {
        return wildcard(pattern, resource);
    }

    private static boolean wildcard(String pattern, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches(re.toString());
    }
}
