package com.npskms.setup;

/**
 * One AWS call a step would make, for the "what will be sent" preview and {@code --dry-run}:
 * e.g. {@code iam CreatePolicy}, a one-line summary of its parameters, the JSON document it sends (or null)
 * and, when it replaces a document (least privilege), the document before (or null).
 */
public record PlannedCall(String service, String action, String summary, String document, String documentBefore) {

    public PlannedCall(String service, String action, String summary, String document) {
        this(service, action, summary, document, null);
    }

    /** One line: {@code iam CreatePolicy — name NPS_KMS_Policy}. */
    public String toLine() {
        return service + " " + action + (summary == null || summary.isBlank() ? "" : " — " + summary);
    }
}
