package com.npskms.sandbox;

/** Who signed a request: the access key, its user, and whether it is the bootstrap administrator. */
record Caller(String accessKeyId, SandboxState.User user, String arn, boolean admin) {
}
