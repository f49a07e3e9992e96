package com.npskms.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form fields of an AWS Query request, with the {@code Name.member.N} list convention. */
final class QueryParams {
    private final Map<String, String> values = new HashMap<>();

    QueryParams(String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(k, v);
        }
    }

    String get(String name) {
        return values.get(name);
    }

    /** A required field; a missing one answers as AWS's request validation does. */
    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw AwsError.validation("1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    boolean bool(String name, boolean dflt) {
        String v = values.get(name);
        return v == null ? dflt : Boolean.parseBoolean(v);
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw AwsError.validation("Value '" + v + "' at '" + lowerFirst(name) + "' is not a number");
        }
    }

    /** {@code Name.member.1}, {@code Name.member.2}, … */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i); i++) {
            out.add(values.get(name + ".member." + i));
        }
        return out;
    }

    /** {@code Tags.member.N.Key} / {@code .Value}, in order. */
    Map<String, String> tags(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; values.containsKey(name + ".member." + i + ".Key"); i++) {
            String v = values.get(name + ".member." + i + ".Value");
            out.put(values.get(name + ".member." + i + ".Key"), v == null ? "" : v);
        }
        return out;
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
