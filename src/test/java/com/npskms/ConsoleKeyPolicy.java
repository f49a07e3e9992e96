package com.npskms;

/**
 * The key policy the AWS KMS console writes (AWS-NOTES.md), typed out independently of the product's
 * {@code KeyPolicyDocument}: the oracle that tests compare the product's and the sandbox's policies with.
 */
public final class ConsoleKeyPolicy {
    private ConsoleKeyPolicy() {
    }

    /** With one key administrator and one key user (the NPS user), as the console writes it. */
    public static String of(String account, String admin, String user) {
        return """
            {"Id":"key-consolepolicy-3","Version":"2012-10-17","Statement":[
             {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%1$s:root"},
              "Action":"kms:*","Resource":"*"},
             {"Sid":"Allow access for Key Administrators","Effect":"Allow","Principal":{"AWS":["%2$s"]},
              "Action":["kms:Create*","kms:Describe*","kms:Enable*","kms:List*","kms:Put*","kms:Update*",
               "kms:Revoke*","kms:Disable*","kms:Get*","kms:Delete*","kms:TagResource","kms:UntagResource",
               "kms:ScheduleKeyDeletion","kms:CancelKeyDeletion","kms:RotateKeyOnDemand"],"Resource":"*"},
             {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":["%3$s"]},
              "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],
              "Resource":"*"},
             {"Sid":"Allow attachment of persistent resources","Effect":"Allow","Principal":{"AWS":["%3$s"]},
              "Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*",
              "Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}}]}
            """.formatted(account, admin, user);
    }
}
