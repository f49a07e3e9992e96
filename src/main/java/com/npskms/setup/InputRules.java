package com.npskms.setup;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates every input before any AWS call, by the rules in AWS-NOTES.md ("Names and limits"). Each method
 * returns the message to show at the field (the rule in plain words), or empty when the value is fine.
 */
public final class InputRules {
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern ALIAS_CHARS = Pattern.compile("[a-zA-Z0-9/_-]+");

    private InputRules() {
    }

    /** IAM policy name: 1–128 characters of letters, digits and {@code + = , . @ _ -}. */
    public static Optional<String> policyName(String name) {
        return iamName(name, 128, "Policy name");
    }

    /** IAM user name: 1–64 characters of letters, digits and {@code + = , . @ _ -}. */
    public static Optional<String> userName(String name) {
        return iamName(name, 64, "User name");
    }

    private static Optional<String> iamName(String name, int max, String what) {
        if (name == null || name.isEmpty()) {
            return Optional.of(what + " is required.");
        }
        if (name.length() > max) {
            return Optional.of(what + " can be at most " + max + " characters (it has " + name.length() + ").");
        }
        if (!IAM_NAME.matcher(name).matches()) {
            return Optional.of(what + " can use only letters, digits and + = , . @ _ - (no spaces)."
                    + offending(name, IAM_NAME));
        }
        return Optional.empty();
    }

    /** Policy description: at most 1000 characters; it cannot be changed later. */
    public static Optional<String> policyDescription(String description) {
        if (description != null && description.length() > 1000) {
            return Optional.of("Description can be at most 1000 characters (it has " + description.length()
                    + "); it cannot be changed later.");
        }
        return Optional.empty();
    }

    /**
     * Access key description: stored as an IAM tag value, so at most 256 characters of letters, digits,
     * spaces and {@code _ . : / = + - @}.
     */
    public static Optional<String> accessKeyDescription(String description) {
        if (description == null || description.isEmpty()) {
            return Optional.empty();
        }
        if (description.length() > 256) {
            return Optional.of("Description can be at most 256 characters (it has " + description.length() + ").");
        }
        if (!TAG_CHARS.matcher(description).matches()) {
            return Optional.of("Description can use only letters, digits, spaces and _ . : / = + - @"
                    + " (AWS stores it as a tag)." + offending(description, TAG_CHARS));
        }
        return Optional.empty();
    }

    /** The alias with {@code alias/} added when it was typed without it, never {@code alias/alias/x}. */
    public static String normalizeAlias(String alias) {
        if (alias == null) {
            return null;
        }
        String a = alias.strip();
        return a.startsWith("alias/") ? a : "alias/" + a;
    }

    /**
     * KMS alias, with or without {@code alias/}: 1–256 characters in all of letters, digits, {@code / _ -};
     * not starting with {@code alias/aws/} (reserved for AWS managed keys).
     */
    public static Optional<String> alias(String alias) {
        if (alias == null || alias.isBlank()) {
            return Optional.of("Alias is required.");
        }
        String full = normalizeAlias(alias);
        String name = full.substring("alias/".length());
        if (name.isEmpty()) {
            return Optional.of("Alias needs a name after alias/.");
        }
        if (full.toLowerCase(Locale.ROOT).startsWith("alias/aws/") || name.equalsIgnoreCase("aws")) {
            return Optional.of("Alias cannot start with aws/ (reserved for keys that AWS manages).");
        }
        if (full.length() > 256) {
            return Optional.of("Alias can be at most 256 characters including alias/ (it has " + full.length() + ").");
        }
        if (!ALIAS_CHARS.matcher(name).matches()) {
            return Optional.of("Alias can use only letters, digits, / _ and - (no spaces)." + offending(name, ALIAS_CHARS));
        }
        return Optional.empty();
    }

    /** KMS tag key: 1–128 characters; {@code aws:} is reserved. */
    public static Optional<String> tagKey(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("Tag key is required.");
        }
        if (key.length() > 128) {
            return Optional.of("Tag key can be at most 128 characters (it has " + key.length() + ").");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            return Optional.of("Tag key cannot start with aws: (reserved for AWS).");
        }
        return Optional.empty();
    }

    /** KMS tag value: at most 256 characters. */
    public static Optional<String> tagValue(String value) {
        if (value != null && value.length() > 256) {
            return Optional.of("Tag value can be at most 256 characters (it has " + value.length() + ").");
        }
        return Optional.empty();
    }

    /** KMS key description: at most 8192 characters. */
    public static Optional<String> keyDescription(String description) {
        if (description != null && description.length() > 8192) {
            return Optional.of("Key description can be at most 8192 characters (it has " + description.length() + ").");
        }
        return Optional.empty();
    }

    /** Waiting period before a scheduled key deletion: 7 to 30 days. */
    public static Optional<String> deletionWindowDays(int days) {
        if (days < 7 || days > 30) {
            return Optional.of("Waiting period must be between 7 and 30 days.");
        }
        return Optional.empty();
    }

    /**
     * Console password (typed): 8–128 characters with upper case, lower case, a digit and a symbol — the
     * common account password policy; the account's own policy may ask for more.
     */
    public static Optional<String> consolePassword(SecretText password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Password is required (or let one be generated).");
        }
        String p = password.reveal();
        if (p.length() < 8 || p.length() > 128) {
            return Optional.of("Password must be 8 to 128 characters.");
        }
        boolean upper = p.chars().anyMatch(Character::isUpperCase);
        boolean lower = p.chars().anyMatch(Character::isLowerCase);
        boolean digit = p.chars().anyMatch(Character::isDigit);
        boolean symbol = p.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && c >= 33 && c <= 126);
        if (!(upper && lower && digit && symbol)) {
            return Optional.of("Password needs an upper-case letter, a lower-case letter, a digit and a symbol.");
        }
        if (p.chars().anyMatch(c -> c < 32 || c > 126)) {
            return Optional.of("Password can use only printable ASCII characters.");
        }
        return Optional.empty();
    }

    private static final Pattern PRINCIPAL = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(user|role)/[\\w+=,.@/-]+");

    /**
     * Key administrator: the ARN of an IAM user or role ({@code arn:aws:iam::<account>:user/<name>} or
     * {@code :role/<name>}); a role session ({@code sts ... assumed-role}) must be given as its role.
     */
    public static Optional<String> keyAdministrator(String arn) {
        if (arn == null || arn.isBlank()) {
            return Optional.of("Key administrator is required (or remove the line).");
        }
        if (arn.contains(":assumed-role/")) {
            return Optional.of("Give the role's ARN (arn:aws:iam::<account>:role/<name>), not a role session.");
        }
        if (!PRINCIPAL.matcher(arn.strip()).matches()) {
            return Optional.of("Key administrator must be an IAM user or role ARN, like"
                    + " arn:aws:iam::111122223333:user/admin or arn:aws:iam::111122223333:role/KeyAdmins.");
        }
        return Optional.empty();
    }

    /** Every input of the state, in field order: the first message per field ("field: message"). */
    public static java.util.List<String> check(SetupState s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        policyName(s.policyName).ifPresent(m -> out.add("policyName: " + m));
        policyDescription(s.policyDescription).ifPresent(m -> out.add("policyDescription: " + m));
        userName(s.userName).ifPresent(m -> out.add("userName: " + m));
        if (s.consoleAccess && s.consolePassword != null) {
            consolePassword(s.consolePassword).ifPresent(m -> out.add("consolePassword: " + m));
        }
        accessKeyDescription(s.accessKeyDescription).ifPresent(m -> out.add("accessKeyDescription: " + m));
        alias(s.alias).ifPresent(m -> out.add("alias: " + m));
        keyDescription(s.keyDescription).ifPresent(m -> out.add("keyDescription: " + m));
        s.tags.forEach((k, v) -> {
            tagKey(k).ifPresent(m -> out.add("tags: " + m));
            tagValue(v).ifPresent(m -> out.add("tags: " + k + ": " + m));
        });
        if (s.tags.size() > 50) {
            out.add("tags: at most 50 tags.");
        }
        for (String admin : s.keyAdministrators) {
            keyAdministrator(admin).ifPresent(m -> out.add("keyAdministrators: " + admin + ": " + m));
        }
        deletionWindowDays(s.deletionWindowDays).ifPresent(m -> out.add("deletionWindowDays: " + m));
        return out;
    }

    private static String offending(String value, Pattern allowed) {
        StringBuilder bad = new StringBuilder();
        value.codePoints().distinct().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (!allowed.matcher(c).matches()) {
                bad.append(cp == ' ' ? "space" : c).append(' ');
            }
        });
        return bad.length() == 0 ? "" : " Not allowed: " + bad.toString().strip() + ".";
    }
}
