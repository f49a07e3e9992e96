package com.npskms.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The IAM users and roles of the account for the key administrators picker ({@code iam:ListUsers},
 * {@code iam:ListRoles}); service-linked roles are left out since they cannot administer a key.
 */
public final class IamPrincipals {
    /** Enough for a picker; an account with more can still type nothing and keep the caller. */
    private static final int LIMIT = 500;

    private IamPrincipals() {
    }

    /** Users first, then roles, at most {@value #LIMIT}; failures come as a plain-words problem. */
    public static List<String> list(AwsSession session) {
        IamClient iam = session.iam();
        List<String> arns = new ArrayList<>();
        try {
            for (User u : iam.listUsersPaginator(b -> b.maxItems(100)).users()) {
                arns.add(u.arn());
                if (arns.size() >= LIMIT) {
                    return arns;
                }
            }
            for (Role r : iam.listRolesPaginator(b -> b.maxItems(100)).roles()) {
                if (!r.path().startsWith("/aws-service-role/")) {
                    arns.add(r.arn());
                }
                if (arns.size() >= LIMIT) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw Problems.wrap(e, "Listing IAM users and roles");
        }
        return arns;
    }
}
