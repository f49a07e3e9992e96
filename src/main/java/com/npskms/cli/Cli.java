package com.npskms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: the same procedure as the wizard, without a window. */
@Command(name = "nps-kms-setup", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Creates the AWS KMS protection key for Netwrix Privilege Secure, step by step.",
        subcommands = {CommandLine.HelpCommand.class, WhoAmICommand.class, ProfilesCommand.class,
                PreflightCommand.class, SetupCommand.class, VerifyCommand.class, RotateCommand.class, RollbackCommand.class,
                ResumeCommand.class, SandboxCommand.class})
public final class Cli {

    /** Runs the command line and returns its exit code (0 ok, 1 failed step, 2 bad usage or input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (tests use it to capture output). */
    public static CommandLine commandLine() {
        // picocli answers bad usage with exit code 2 (ExitCode.USAGE) by default.
        CommandLine cl = new CommandLine(new Cli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Whatever escapes a command is shown in plain words, never as a stack trace.
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            com.npskms.aws.Problem p = com.npskms.aws.Problems.from(e, "The command");
            commandLine.getErr().println(p.toText());
            commandLine.getErr().flush();
            return ExitCode.FAILED;
        });
        return cl;
    }

    /** Reads the version from the jar manifest, or "development" from a checkout. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"nps-kms-setup " + (v == null ? "development" : v)};
        }
    }
}
