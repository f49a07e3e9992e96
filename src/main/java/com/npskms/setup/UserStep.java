package com.npskms.setup;

import com.npskms.aws.Problem;
import com.npskms.aws.ProblemException;
import com.npskms.aws.Problems;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Step 2: the IAM user, optionally with console access (a generated strong password or a typed one, reset
 * required at first sign-in), with the policy attached directly.
 */
public final class UserStep implements SetupStep {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final StepContext ctx;

    UserStep(StepContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public StepId id() {
        return StepId.USER;
    }

    @Override
    public List<PlannedCall> plan(SetupState s) {
        List<PlannedCall> calls = new ArrayList<>();
        calls.add(new PlannedCall("iam", "CreateUser", "name " + s.userName, null));
        if (s.consoleAccess) {
            calls.add(new PlannedCall("iam", "CreateLoginProfile", "user " + s.userName + ", password "
                    + (s.consolePassword == null ? "generated (20 characters)" : "as typed")
                    + ", PasswordResetRequired=true", null));
        }
        calls.add(new PlannedCall("iam", "AttachUserPolicy", "user " + s.userName + ", policy "
                + StepContext.policyArn(s), null));
        return calls;
    }

    @Override
    public Existing inspect(SetupState s) {
        return find(s).existing;
    }

    private record Found(User user, Existing existing) {
    }

    private Found find(SetupState s) {
        IamClient iam = ctx.session.iam();
        User user;
        try {
            user = iam.getUser(b -> b.userName(s.userName)).user();
        } catch (RuntimeException e) {
            if (AwsErrors.notFound(e)) {
                return new Found(null, Existing.nothing());
            }
            throw Problems.wrap(e, "Looking for the IAM user " + s.userName);
        }
        List<AccessKeyMetadata> keys = StepContext.call("Listing the access keys of " + s.userName,
                () -> iam.listAccessKeys(b -> b.userName(s.userName)).accessKeyMetadata());
        List<AttachedPolicy> policies = StepContext.call("Listing the policies of " + s.userName,
                () -> iam.listAttachedUserPolicies(b -> b.userName(s.userName)).attachedPolicies());
        String keyText = keys.isEmpty() ? "no access key" : keys.size() + " access key(s) ("
                + keys.stream().map(k -> k.accessKeyId() + " " + k.statusAsString()).collect(Collectors.joining(", ")) + ")";
        String policyText = policies.isEmpty() ? "no attached policy" : "attached policies "
                + policies.stream().map(AttachedPolicy::policyName).collect(Collectors.joining(", "));
        if (keys.size() >= 2) {
            return new Found(user, new Existing(Existing.Verdict.CONFLICT, "A user named " + s.userName
                    + " exists already with two access keys (" + keys.stream().map(AccessKeyMetadata::accessKeyId)
                    .collect(Collectors.joining(", ")) + "), the most AWS allows, so no key can be created for NPS."
                    + " Delete one of them (after checking it is unused), or choose another user name."));
        }
        if (user.permissionsBoundary() != null) {
            return new Found(user, new Existing(Existing.Verdict.CONFLICT, "A user named " + s.userName
                    + " exists already with a permissions boundary (" + user.permissionsBoundary().permissionsBoundaryArn()
                    + ") that may block kms:Decrypt. Choose another user name."));
        }
        return new Found(user, new Existing(Existing.Verdict.REUSABLE, "A user named " + s.userName
                + " exists already (" + user.arn() + ") with " + keyText + " and " + policyText
                + "; it will be reused and given the NPS policy and a new access key."));
    }

    @Override
    public void run(SetupState s, Progress progress) {
        IamClient iam = ctx.session.iam();
        if (s.userArn == null) {
            String create = "iam CreateUser " + s.userName;
            progress.update("Creating the IAM user " + s.userName, Progress.UNKNOWN);
            try {
                // Create first, look when the name is taken: one call fewer in the usual case.
                User created = ctx.intend(s, id(), create, () -> iam.createUser(b -> b.userName(s.userName)).user());
                s.userArn = created.arn();
                s.userCreated = true;
                ctx.settled(s);
            } catch (RuntimeException e) {
                // Taken, or not allowed to create (then a matching user may still be reused).
                if (!AwsErrors.is(e, "EntityAlreadyExists", "AccessDenied")) {
                    throw Problems.wrap(e, "Creating the IAM user " + s.userName);
                }
                Found found;
                try {
                    found = find(s);
                } catch (RuntimeException lookFailed) {
                    throw Problems.wrap(e, "Creating the IAM user " + s.userName);
                }
                if (found.user == null) {
                    throw Problems.wrap(e, "Creating the IAM user " + s.userName);
                }
                if (found.existing.verdict() != Existing.Verdict.REUSABLE || !s.reuseExisting) {
                    throw PolicyStep.conflict(s, found.existing);
                }
                s.userArn = found.user.arn();
                s.userCreated = false;
                ctx.save(s);
            }
        }
        if (s.consoleAccess) {
            loginProfile(s, progress);
        }
        attach(s, progress);
    }

    private void loginProfile(SetupState s, Progress progress) {
        IamClient iam = ctx.session.iam();
        String create = "iam CreateLoginProfile " + s.userName;
        boolean lost = s.consolePassword == null || s.consolePassword.isWiped();
        if (s.loginProfileCreated && !lost) {
            return;
        }
        if (s.loginProfileCreated) {
            // Made by this run, but its password did not survive the interruption (it is never journaled):
            // nobody has seen it, so it is replaced.
            progress.update("Replacing the console password of " + s.userName, Progress.UNKNOWN);
            ignoreGone("Removing the console password of " + s.userName,
                    () -> iam.deleteLoginProfile(b -> b.userName(s.userName)));
            s.loginProfileCreated = false;
            ctx.settled(s);
        }
        if (s.consolePassword == null || s.consolePassword.isWiped()) {
            s.consolePassword = generatePassword();
        }
        String password = s.consolePassword.reveal();
        progress.update("Giving " + s.userName + " console access", Progress.UNKNOWN);
        try {
            ctx.intend(s, id(), create, () -> ctx.backoff.retry("the new user to be visible to IAM",
                    AwsErrors::notFound, progress, () -> iam.createLoginProfile(b -> b.userName(s.userName)
                            .password(password).passwordResetRequired(true))));
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "EntityAlreadyExists") && !s.userCreated) {
                // A reused user who has console access already: left as it is.
                s.consolePassword.wipe();
                s.consolePassword = null;
                ctx.settled(s);
                progress.update(s.userName + " has console access already; its password is unchanged", Progress.UNKNOWN);
                return;
            }
            throw Problems.wrap(e, "Giving the IAM user " + s.userName + " console access");
        }
        s.loginProfileCreated = true;
        ctx.settled(s);
    }

    private void attach(SetupState s, Progress progress) {
        if (s.policyAttached) {
            return;
        }
        IamClient iam = ctx.session.iam();
        String policyArn = StepContext.policyArn(s);
        String attach = "iam AttachUserPolicy " + s.userName + " " + policyArn;
        boolean already = !s.userCreated && StepContext.call("Listing the policies of " + s.userName,
                () -> iam.listAttachedUserPolicies(b -> b.userName(s.userName)).attachedPolicies()).stream()
                .anyMatch(p -> p.policyArn().equals(policyArn));
        if (already) {
            // Attached before this run (or by it, just before it stopped).
            s.policyAttached = false;
            ctx.save(s);
            return;
        }
        progress.update("Attaching " + s.policyName + " to " + s.userName, Progress.UNKNOWN);
        StepContext.call("Attaching the policy " + s.policyName + " to " + s.userName, () -> ctx.intend(s, id(), attach,
                () -> ctx.backoff.retry("the new user and policy to be visible to IAM", AwsErrors::notFound, progress,
                        () -> iam.attachUserPolicy(b -> b.userName(s.userName).policyArn(policyArn)))));
        s.policyAttached = true;
        ctx.settled(s);
    }

    @Override
    public void recover(SetupState s) {
        if (s.userArn == null && StepContext.wasPending(s, "iam CreateUser " + s.userName)) {
            User user = find(s).user;
            if (user != null) {
                s.userArn = user.arn();
                s.userCreated = true;
            }
        }
        if (StepContext.wasPending(s, "iam CreateLoginProfile " + s.userName)) {
            // Its password was never journaled: the profile is replaced on resume, removed on roll back.
            s.loginProfileCreated = true;
        }
        String policyArn = StepContext.policyArn(s);
        if (StepContext.wasPending(s, "iam AttachUserPolicy " + s.userName + " " + policyArn)) {
            s.policyAttached = StepContext.call("Listing the policies of " + s.userName,
                    () -> ctx.session.iam().listAttachedUserPolicies(b -> b.userName(s.userName)).attachedPolicies())
                    .stream().anyMatch(p -> p.policyArn().equals(policyArn));
        }
    }

    @Override
    public void rollback(SetupState s, Progress progress) {
        IamClient iam = ctx.session.iam();
        if (s.policyAttached) {
            progress.update("Detaching " + s.policyName + " from " + s.userName, Progress.UNKNOWN);
            ignoreGone("Detaching the policy " + s.policyName + " from " + s.userName,
                    () -> iam.detachUserPolicy(b -> b.userName(s.userName).policyArn(StepContext.policyArn(s))));
            s.policyAttached = false;
            ctx.save(s);
        }
        if (s.loginProfileCreated) {
            progress.update("Removing the console password of " + s.userName, Progress.UNKNOWN);
            ignoreGone("Removing the console password of " + s.userName,
                    () -> iam.deleteLoginProfile(b -> b.userName(s.userName)));
            s.loginProfileCreated = false;
            ctx.save(s);
        }
        if (s.userCreated) {
            progress.update("Deleting the IAM user " + s.userName, Progress.UNKNOWN);
            ignoreGone("Deleting the IAM user " + s.userName, () -> iam.deleteUser(b -> b.userName(s.userName)));
            s.userCreated = false;
        }
        s.userArn = null;
        ctx.save(s);
    }

    /** Runs a roll back call; something already gone counts as done. */
    static void ignoreGone(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (!AwsErrors.notFound(e)) {
                throw e instanceof ProblemException pe ? pe : Problems.wrap(e, what);
            }
        }
    }

    /**
     * A strong console password: 20 characters from upper case, lower case, digits and symbols, at least one of
     * each (meets any account password policy of up to 20 characters).
     */
    static SecretText generatePassword() {
        String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String lower = "abcdefghijkmnopqrstuvwxyz";
        String digits = "23456789";
        String symbols = "!@#$%^&*()-_=+[]{}";
        String all = upper + lower + digits + symbols;
        char[] p = new char[20];
        p[0] = upper.charAt(RANDOM.nextInt(upper.length()));
        p[1] = lower.charAt(RANDOM.nextInt(lower.length()));
        p[2] = digits.charAt(RANDOM.nextInt(digits.length()));
        p[3] = symbols.charAt(RANDOM.nextInt(symbols.length()));
        for (int i = 4; i < p.length; i++) {
            p[i] = all.charAt(RANDOM.nextInt(all.length()));
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        SecretText secret = SecretText.of(new String(p));
        java.util.Arrays.fill(p, '\0');
        return secret;
    }

    static ProblemException problem(Problem.Kind kind, String what, String why, String next) {
        return new ProblemException(Problem.of(kind, what, why, next));
    }
}
