package com.npskms.cli;

import com.npskms.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sandbox}: serves a local IAM/KMS/STS endpoint until stopped, printing shell exports first. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serves a local AWS endpoint (IAM, KMS, STS) on 127.0.0.1 until stopped (Ctrl+C).",
            "First prints lines a shell can eval: the endpoint and the sandbox administrator's keys.",
            "Example: … sandbox --port 0 > sandbox.env &  then, once it has started: eval \"$(cat sandbox.env)\""})
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default).")
    int port;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Keep the sandbox's users, policies and keys in FILE across restarts (JSON, owner-only).")
    Path state;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay added to every answer, in ms.")
    long latencyMs;

    @Option(names = "--propagation-ms", defaultValue = "0",
            description = "A new access key or user becomes usable or visible to KMS only after this many ms.")
    long propagationMs;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535 || latencyMs < 0 || propagationMs < 0) {
            err.println("--port must be 0–65535, --latency-ms and --propagation-ms 0 or more.");
            err.flush();
            return 2;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(Sandbox.Options.defaults().withPort(port).withStateFile(state)
                    .withLatency(Duration.ofMillis(latencyMs)).withPropagationDelay(Duration.ofMillis(propagationMs)));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("The sandbox could not start: " + e.getMessage());
            err.flush();
            return 1;
        }
        Thread hook = new Thread(sandbox::close, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("export AWS_ENDPOINT_URL=" + sandbox.endpoint());
        out.println("export AWS_ACCESS_KEY_ID=" + sandbox.adminAccessKeyId());
        out.println("export AWS_SECRET_ACCESS_KEY=" + sandbox.adminSecretAccessKey());
        out.println("export AWS_REGION=" + sandbox.region());
        out.flush();
        err.println("Sandbox serving IAM, KMS and STS at " + sandbox.endpoint() + " (account " + sandbox.accountId()
                + ")" + (state == null ? "" : ", state in " + state) + ". Stop with Ctrl+C.");
        err.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sandbox.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
        return 0;
    }

    /** Stops serving (tests; the command line stops on Ctrl+C / SIGTERM). */
    void stop() {
        stopped.countDown();
    }
}
