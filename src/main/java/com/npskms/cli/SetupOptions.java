package com.npskms.cli;

import com.npskms.setup.SecretText;
import com.npskms.setup.SetupState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Every choice of the wizard as a flag; defaults are the wizard's. */
public final class SetupOptions {
    private static final SetupState DEFAULTS = new SetupState();

    @Option(names = "--policy-name", paramLabel = "NAME",
            description = "Name of the IAM policy allowing kms:Decrypt (default: ${DEFAULT-VALUE}).")
    String policyName = DEFAULTS.policyName;

    @Option(names = "--policy-description", paramLabel = "TEXT",
            description = "Description of the policy (cannot be changed later).")
    String policyDescription = DEFAULTS.policyDescription;

    @Option(names = "--user-name", paramLabel = "NAME",
            description = "Name of the IAM user NPS signs in as (default: ${DEFAULT-VALUE}).")
    String userName = DEFAULTS.userName;

    @Option(names = "--console-access",
            description = "Also give the user an AWS console password (generated, must be changed at first sign-in).")
    boolean consoleAccess;

    @Option(names = "--console-password", interactive = true, arity = "0",
            prompt = "Console password for the NPS user (not shown): ",
            description = "Type the console password instead of having one generated (asked for without echo).")
    char[] consolePassword;

    @Option(names = "--access-key-description", paramLabel = "TEXT",
            description = "Description of the access key, stored as the console does (default: ${DEFAULT-VALUE}). "
                    + "Empty for none.")
    String accessKeyDescription = DEFAULTS.accessKeyDescription;

    @Option(names = "--alias", paramLabel = "NAME",
            description = "Alias of the KMS key, with or without the alias/ prefix (default: ${DEFAULT-VALUE}).")
    String alias = DEFAULTS.alias;

    @Option(names = "--key-description", paramLabel = "TEXT", description = "Description of the KMS key.")
    String keyDescription = DEFAULTS.keyDescription;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag for the KMS key; repeat for more.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--key-admin", paramLabel = "ARN",
            description = "ARN of an IAM user or role that administers the key; repeat for more. "
                    + "Default: you (the caller).")
    List<String> keyAdmins = new ArrayList<>();

    @Option(names = "--no-caller-as-key-admin",
            description = "Do not make the caller a key administrator (the account's root statement still keeps "
                    + "the key manageable through IAM).")
    boolean noCallerAsAdmin;

    @Option(names = "--admins-can-delete", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Allow key administrators to delete the key (default: on).")
    boolean adminsCanDelete = true;

    @Option(names = "--key-rotation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Automatic yearly rotation of the key material (default: on). NPS needs no change "
                    + "for it: AWS keeps the old material to decrypt.")
    boolean keyRotation = true;

    @Option(names = "--deletion-window-days", paramLabel = "DAYS",
            description = "Waiting period (7-30) when roll back schedules the key's deletion (default: ${DEFAULT-VALUE}).")
    int deletionWindowDays = DEFAULTS.deletionWindowDays;

    @Option(names = "--reuse-existing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reuse a policy, user or alias that already exists when it is exactly what is needed "
                    + "(default: on). With --no-reuse-existing an existing one is a conflict.")
    boolean reuseExisting = true;

    /** The state the run starts from. */
    SetupState toState() {
        SetupState s = new SetupState();
        s.policyName = policyName;
        s.policyDescription = policyDescription;
        s.userName = userName;
        s.consoleAccess = consoleAccess || consolePassword != null;
        if (consolePassword != null && consolePassword.length > 0) {
            s.consolePassword = SecretText.of(new String(consolePassword));
            java.util.Arrays.fill(consolePassword, '\0');
        }
        s.accessKeyDescription = accessKeyDescription;
        s.alias = alias;
        s.keyDescription = keyDescription;
        s.tags = new LinkedHashMap<>(tags);
        s.keyAdministrators = new ArrayList<>(keyAdmins);
        s.allowAdministratorsToDelete = adminsCanDelete;
        s.enableKeyRotation = keyRotation;
        s.deletionWindowDays = deletionWindowDays;
        s.reuseExisting = reuseExisting;
        return s;
    }
}
