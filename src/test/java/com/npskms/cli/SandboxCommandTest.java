package com.npskms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code sandbox --port 0}: the four export lines come first, and the endpoint they name answers. */
class SandboxCommandTest {

    /** Runs {@code sandbox ARGS} until {@link SandboxCommand#stop()}; returns the first four output lines. */
    private static List<String> exports(SandboxCommand command, CompletableFuture<Integer>[] run, String... args)
            throws Exception {
        CommandLine cl = new CommandLine(command);
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe, 8192));
        cl.setOut(new PrintWriter(pipe, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        run[0] = CompletableFuture.supplyAsync(() -> cl.execute(args));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(lines.readLine());
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void printsTheExportLinesFirstServesUntilStoppedAndKeepsItsState(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        SandboxCommand command = new SandboxCommand();
        CompletableFuture<Integer>[] run = new CompletableFuture[1];
        List<String> out = exports(command, run, "--port", "0", "--state", state.toString(), "--latency-ms", "1",
                "--propagation-ms", "0");
        assertTrue(out.get(0).matches("export AWS_ENDPOINT_URL=http://127\\.0\\.0\\.1:\\d+"), out.get(0));
        assertTrue(out.get(1).matches("export AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}"), out.get(1));
        assertTrue(out.get(2).matches("export AWS_SECRET_ACCESS_KEY=\\S{40}"), out.get(2));
        assertEquals("export AWS_REGION=us-east-1", out.get(3));

        String endpoint = out.get(0).substring("export AWS_ENDPOINT_URL=".length());
        String id = out.get(1).substring("export AWS_ACCESS_KEY_ID=".length());
        String secret = out.get(2).substring("export AWS_SECRET_ACCESS_KEY=".length());
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret))).build()) {
            assertTrue(sts.getCallerIdentity().arn().endsWith(":user/sandbox-admin"));
        }
        command.stop();
        assertEquals(0, run[0].get(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(state));

        SandboxCommand again = new SandboxCommand();
        List<String> restarted = exports(again, run, "--port", "0", "--state", state.toString());
        assertEquals(out.subList(1, 4), restarted.subList(1, 4), "the same administrator after a restart");
        again.stop();
        assertEquals(0, run[0].get(10, TimeUnit.SECONDS));
    }

    @Test
    void isRegisteredAndRejectsABadPort() {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("sandbox", "--port", "70000"));
        assertTrue(err.toString().contains("--port"), err.toString());
    }
}
