package com.npskms.aws;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Turns any failure (SDK service error, network, credentials, SSO token) into a plain-words {@link Problem}. */
public final class Problems {

    /** Codes AWS sends when it throttles; the SDK retried them already when we see them. */
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
            "ProvisionedThroughputExceededException", "LimitExceededException_Throttle");

    private static final Pattern ACTION = Pattern.compile("perform:\\s*([a-z0-9-]+:[A-Za-z0-9*]+)");
    private static final Pattern CALLER = Pattern.compile("User:\\s*(arn:[^\\s]+)");
    private static final Pattern RESOURCE = Pattern.compile("on resource:\\s*([^\\s]+)");
    // 40+ characters of base64 with upper, lower and digits: an AWS secret access key or session token.
    private static final Pattern SECRETISH = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])");

    private Problems() {
    }

    /**
     * The problem for a failure while doing {@code what} (e.g. "Creating the IAM user nps-kms-user"):
     * AWS code and request id kept for the details, the next step chosen by the error code (AWS-NOTES.md).
     * Never copies a secret into the text.
     */
    public static Problem from(Throwable failure, String what) {
        return forProfile(failure, what, null);
    }

    /** The same, as an exception to throw. */
    public static ProblemException wrap(Throwable failure, String what) {
        return new ProblemException(from(failure, what));
    }

    /** The AWS error code of a failure (looking through causes), or null when it is not an AWS service error. */
    public static String awsCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException a && a.awsErrorDetails() != null) {
                return a.awsErrorDetails().errorCode();
            }
            if (t instanceof ProblemException p && p.problem().awsCode() != null) {
                return p.problem().awsCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Like {@link #from} but, for SSO sign-in failures, names the profile to log in with. */
    static Problem forProfile(Throwable failure, String what, String profile) {
        String doing = what == null || what.isBlank() ? "The AWS call" : scrub(what.strip());
        // A problem made deeper down (e.g. by our profile credentials, inside an SDK exception) keeps its words,
        // under this "what".
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException pe) {
                Problem p = pe.problem();
                if (t == failure) {
                    return p; // already in plain words, and more precise than any heading given here
                }
                return new Problem(p.kind(), headline(doing, p.kind()), p.why(), p.next(), p.awsCode(),
                        p.requestId());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (isSsoClass(failure)) {
            return ssoProblem(failure, doing, profile);
        }
        AwsServiceException service = find(failure, AwsServiceException.class);
        if (service != null) {
            return fromService(service, doing);
        }
        SdkServiceException bare = find(failure, SdkServiceException.class);
        if (bare != null) {
            return serviceProblem(doing, null, scrub(bare.getMessage()), bare.requestId(), bare.statusCode());
        }
        return fromClientSide(failure, doing, profile);
    }

    private static Problem fromService(AwsServiceException e, String doing) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return serviceProblem(doing, code, scrub(message == null ? "" : message), e.requestId(), e.statusCode());
    }

    private static Problem serviceProblem(String doing, String code, String msg, String requestId, int status) {
        String lower = msg.toLowerCase(Locale.ROOT);
        String c = code == null ? "" : code;
        Problem.Kind kind;
        String why = msg;
        String next;
        switch (c) {
            case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError" -> {
                kind = Problem.Kind.PERMISSION;
                String action = group(ACTION, msg);
                String caller = group(CALLER, msg);
                String resource = group(RESOURCE, msg);
                StringBuilder n = new StringBuilder("Ask an AWS administrator to allow ");
                n.append(action != null ? action : "the permission this call needs");
                if (caller != null) {
                    n.append(" for ").append(caller);
                }
                if (resource != null && !resource.equals("*")) {
                    n.append(" on ").append(resource);
                }
                n.append(", or connect with credentials that have it; then resume. "
                        + "The preflight check lists every permission the setup needs.");
                if (msg.contains("explicit deny")) {
                    n.append(" An explicit Deny (a policy, permission boundary or SCP) blocks it now.");
                }
                why = (action != null ? "You are not allowed to call " + action + ". " : "") + msg;
                next = n.toString();
            }
            case "EntityAlreadyExists", "EntityAlreadyExistsException" -> {
                kind = Problem.Kind.CONFLICT;
                next = "Reuse the existing one if it is the one you need, or choose another name.";
            }
            case "AlreadyExistsException" -> {
                kind = Problem.Kind.CONFLICT;
                next = "The alias is taken by another key: choose another alias, or reuse that key if it is "
                        + "the NPS key (aws kms describe-key --key-id <alias> shows which key has it).";
            }
            case "LimitExceeded", "LimitExceededException" -> {
                kind = Problem.Kind.LIMIT;
                if (lower.contains("accesskeysperuser") || lower.contains("access key")) {
                    why = "This user already has two access keys, the most AWS allows. " + msg;
                    next = "Deactivate and delete the key that is not in use (the rotate command shows which "
                            + "one is unused and offers it), then try again.";
                } else if (lower.contains("version")) {
                    why = "The policy already has five versions, the most AWS keeps. " + msg;
                    next = "Delete the oldest version that is not the default one, then try again "
                            + "(the least-privilege step does this itself).";
                } else if (lower.contains("tag")) {
                    why = "Too many tags (IAM users take at most 50). " + msg;
                    next = "Remove tags that are no longer needed, then try again.";
                } else {
                    next = "Remove something that is no longer needed, or ask AWS for a higher quota; "
                            + "then try again.";
                }
            }
            case "MalformedPolicyDocument", "MalformedPolicyDocumentException" -> {
                if (lower.contains("invalid principal")) {
                    kind = Problem.Kind.PROPAGATION;
                    why = "The new IAM user is not yet visible to KMS (AWS is still propagating it). " + msg;
                    next = "Waiting is normal: this usually clears within a minute or two. Retry or resume.";
                } else if (lower.contains("will not allow you to update the key policy")
                        || lower.contains("lockout")) {
                    kind = Problem.Kind.INPUT;
                    why = "The key policy would lock you out of the key. " + msg;
                    next = "Keep the \"Enable IAM User Permissions\" root statement, or add yourself as a key "
                            + "administrator.";
                } else {
                    kind = Problem.Kind.INPUT;
                    next = "Check any ARN you typed or pasted; if the document was built by this tool, "
                            + "report it with the request id.";
                }
            }
            case "DeleteConflict", "DeleteConflictException" -> {
                kind = Problem.Kind.OTHER;
                next = "Delete what still depends on it first: for a user its login profile, access keys and "
                        + "attached policies; for a policy, detach it everywhere and delete its non-default "
                        + "versions. Roll back does this in that order.";
            }
            case "NoSuchEntity", "NoSuchEntityException" -> {
                kind = Problem.Kind.NOT_FOUND;
                next = "Check the name. If it was created a few seconds ago, AWS may not show it yet: wait a "
                        + "moment and resume. If it was deleted, resume recreates it.";
            }
            case "NotFoundException" -> {
                kind = Problem.Kind.PROPAGATION;
                next = "Just after creating a key or alias this is AWS catching up: waiting is normal. "
                        + "Otherwise check the key id, ARN or alias (and the region).";
            }
            case "KMSInvalidStateException" -> {
                if (lower.contains("pending deletion") || lower.contains("pendingdeletion")) {
                    kind = Problem.Kind.INPUT;
                    next = "The key is scheduled for deletion: cancel the deletion (kms:CancelKeyDeletion) "
                            + "to keep it, or use another key.";
                } else if (lower.contains("disabled")) {
                    kind = Problem.Kind.INPUT;
                    next = "Enable the key (kms:EnableKey), or use another key.";
                } else {
                    kind = Problem.Kind.PROPAGATION;
                    next = "The key is not ready yet; waiting is normal just after it was created. Retry or resume.";
                }
            }
            case "DisabledException" -> {
                kind = Problem.Kind.INPUT;
                next = "The KMS key is disabled: enable it (kms:EnableKey), or use another key.";
            }
            case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId" -> {
                kind = Problem.Kind.CREDENTIALS;
                why = "AWS does not recognise this access key id. " + msg;
                next = "If the key was created seconds ago it may not be live yet (waiting is normal). "
                        + "Otherwise it was deleted, deactivated or mistyped: check the profile or keys you "
                        + "connect with.";
            }
            case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature" -> {
                kind = Problem.Kind.CREDENTIALS;
                why = "AWS rejected the request signature: the secret access key does not belong to this "
                        + "access key id (or the computer's clock is far off). " + msg;
                next = "Copy the secret access key again (no spaces), check the clock, and reconnect.";
            }
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired" -> {
                kind = Problem.Kind.CREDENTIALS;
                why = "Your temporary credentials have expired. " + msg;
                next = "Sign in again (for an SSO profile: `aws sso login --profile <profile>`; otherwise "
                        + "get fresh session credentials), then resume: finished steps are kept.";
            }
            case "PasswordPolicyViolation", "PasswordPolicyViolationException" -> {
                kind = Problem.Kind.INPUT;
                next = "Choose a password that meets the account's password policy, or let the tool generate one.";
            }
            case "InvalidInput", "ValidationError", "ValidationException", "InvalidParameterValue",
                    "InvalidParameterCombination", "InvalidAliasNameException", "TagException",
                    "InvalidArnException", "InvalidKeyUsageException", "UnsupportedOperationException" -> {
                kind = Problem.Kind.INPUT;
                next = "Correct the value AWS names above and try again.";
            }
            case "ConcurrentModification", "ConcurrentModificationException" -> {
                kind = Problem.Kind.NETWORK;
                next = "Someone (or something) changed the same thing at the same moment: retry or resume.";
            }
            default -> {
                if (THROTTLING.contains(c)) {
                    kind = Problem.Kind.NETWORK;
                    why = "AWS is throttling requests (too many at once); it kept refusing after several "
                            + "retries with back-off. " + msg;
                    next = "Wait a minute, then resume: finished steps are kept.";
                } else if (status >= 500 || c.equals("InternalFailure") || c.equals("ServiceUnavailable")
                        || c.equals("KMSInternalException") || c.equals("ServiceFailure")
                        || c.equals("DependencyTimeoutException")) {
                    kind = Problem.Kind.NETWORK;
                    why = "AWS answered with a server error" + (status > 0 ? " (HTTP " + status + ")" : "")
                            + ", even after retries. " + msg;
                    next = "This is on AWS's side and usually passes: wait a minute, then resume.";
                } else if (status == 403) {
                    kind = Problem.Kind.PERMISSION;
                    next = "Ask an AWS administrator for the permission this call needs, then resume.";
                } else if (status == 404) {
                    kind = Problem.Kind.NOT_FOUND;
                    next = "Check the name or id, and the region and endpoint.";
                } else {
                    kind = Problem.Kind.OTHER;
                    next = "Check the details below; fix the cause and resume.";
                }
            }
        }
        return new Problem(kind, headline(doing, kind), why, next, code == null || code.isEmpty()
                ? (status > 0 ? "HTTP " + status : null) : code, requestId);
    }

    private static Problem fromClientSide(Throwable failure, String doing, String profile) {
        String all = messages(failure);
        String lower = all.toLowerCase(Locale.ROOT);
        if (isSso(failure, lower)) {
            return ssoProblem(failure, doing, profile);
        }
        if (lower.contains("unable to load credentials") || lower.contains("contained no credentials")
                || lower.contains("access key must be specified") || lower.contains("secret key must be specified")) {
            return new Problem(Problem.Kind.CREDENTIALS, headline(doing, Problem.Kind.CREDENTIALS),
                    (profile != null ? "Profile '" + profile + "' gives no usable credentials. "
                            : "No AWS credentials were found (environment, profiles, instance role). ")
                            + scrub(firstMessage(failure)),
                    "Choose a profile (--profile), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "
                            + "`aws configure`" + (profile != null ? " --profile " + profile : "") + ".",
                    null, null);
        }
        if (lower.contains("unable to load region") || lower.contains("unable to load a region")) {
            return new Problem(Problem.Kind.INPUT, headline(doing, Problem.Kind.INPUT),
                    "No region is set.", "Choose a region (for example --region us-east-1).", null, null);
        }
        IOException io = find(failure, IOException.class);
        if (io != null || lower.contains("unable to execute http request")) {
            String reason;
            if (find(failure, UnknownHostException.class) != null) {
                reason = "The AWS endpoint's host name could not be resolved ("
                        + scrub(find(failure, UnknownHostException.class).getMessage()) + ").";
            } else if (find(failure, ConnectException.class) != null) {
                reason = "The connection was refused or could not be made ("
                        + scrub(String.valueOf(find(failure, ConnectException.class).getMessage())) + ").";
            } else if (find(failure, SocketTimeoutException.class) != null
                    || find(failure, InterruptedIOException.class) != null) {
                reason = "The connection timed out.";
            } else if (find(failure, NoRouteToHostException.class) != null) {
                reason = "There is no route to the AWS endpoint.";
            } else if (find(failure, SSLException.class) != null) {
                reason = "The secure connection failed (" + scrub(String.valueOf(
                        find(failure, SSLException.class).getMessage())) + "); a proxy may be intercepting TLS.";
            } else {
                reason = "The connection failed: " + scrub(io != null ? String.valueOf(io.getMessage())
                        : firstMessage(failure));
            }
            return new Problem(Problem.Kind.NETWORK, headline(doing, Problem.Kind.NETWORK), reason,
                    "Check the network connection, proxy and endpoint URL (AWS_ENDPOINT_URL / --endpoint-url), "
                            + "then resume: finished steps are kept.", null, null);
        }
        if (failure instanceof SdkClientException) {
            return new Problem(Problem.Kind.OTHER, headline(doing, Problem.Kind.OTHER),
                    scrub(firstMessage(failure)), "Check the connection settings, then try again.", null, null);
        }
        return new Problem(Problem.Kind.OTHER, headline(doing, Problem.Kind.OTHER),
                scrub(failure.getClass().getSimpleName() + ": " + firstMessage(failure)),
                "Try again; if it keeps happening, report it with these details.", null, null);
    }

    private static Problem ssoProblem(Throwable failure, String doing, String profile) {
        String loginCmd = "aws sso login --profile " + (profile != null ? profile : "<profile>");
        AwsServiceException service = find(failure, AwsServiceException.class);
        return new Problem(Problem.Kind.CREDENTIALS, headline(doing, Problem.Kind.CREDENTIALS),
                "Your IAM Identity Center (SSO) sign-in"
                        + (profile != null ? " for profile '" + profile + "'" : "")
                        + " is missing or has expired. " + scrub(firstMessage(failure)),
                "Run `" + loginCmd + "` in a terminal, then try again (or resume).",
                service == null || service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode(),
                service == null ? null : service.requestId());
    }

    private static boolean isSsoClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String cls = t.getClass().getName();
            if (cls.startsWith("software.amazon.awssdk.services.sso.")
                    || cls.startsWith("software.amazon.awssdk.services.ssooidc.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isSso(Throwable failure, String lower) {
        return isSsoClass(failure) || lower.contains("sso token") || lower.contains("sso session") || lower.contains("token is expired")
                || lower.contains("sso login") || lower.contains("sso_start_url") || lower.contains("sso oidc")
                || lower.contains("sso_session") || lower.contains("failed to load cached token");
    }

    private static String headline(String doing, Problem.Kind kind) {
        String tail = switch (kind) {
            case PERMISSION -> "a permission is missing";
            case CONFLICT -> "the name is already taken";
            case LIMIT -> "an AWS limit is reached";
            case PROPAGATION -> "AWS has not caught up yet";
            case CREDENTIALS -> "the AWS credentials were not accepted";
            case NETWORK -> "AWS could not be reached";
            case INPUT -> "AWS rejected the input";
            case NOT_FOUND -> "it was not found";
            case OTHER -> "something went wrong";
        };
        return doing + " failed: " + tail + ".";
    }

    /** Replaces anything that looks like a secret access key or session token with a mask. */
    public static String scrub(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = SECRETISH.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String s = m.group();
            boolean upper = s.chars().anyMatch(Character::isUpperCase);
            boolean lowerCase = s.chars().anyMatch(Character::isLowerCase);
            boolean digit = s.chars().anyMatch(Character::isDigit);
            m.appendReplacement(sb, Matcher.quoteReplacement(upper && lowerCase && digit ? "••••••••" : s));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        String g = m.group(1);
        while (g.endsWith(".") || g.endsWith(",")) {
            g = g.substring(0, g.length() - 1);
        }
        return g;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static String messages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
