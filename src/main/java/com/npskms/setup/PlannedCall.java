package com.npskms.setup;

/**
 * One AWS call a step would make, for the "what will be sent" preview and {@code --dry-run}:
 * e.g. {@code iam CreatePolicy}, a one-line summary of its parameters, and the JSON document it sends (or null).
 */
public record PlannedCall(String service, String action, String summary, String document) {
}
