package com.npskms.aws;

/** Who the operator is: the answer of {@code sts:GetCallerIdentity}. */
public record CallerIdentity(String accountId, String arn, String userId) {
}
