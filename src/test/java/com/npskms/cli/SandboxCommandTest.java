package com.npskms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code sandbox --port 0}: the four export lines come first, and the endpoint they name answers. */
class SandboxCommandTest {

    @Test
    void printsTheExportLinesFirstAndServesUntilStopped() throws Exception {
        SandboxCommand command = new SandboxCommand();
        CommandLine cl = new CommandLine(command);
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe, 8192));
        cl.setOut(new PrintWriter(pipe, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(lines.readLine());
        }
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
        assertEquals(0, run.get(10, TimeUnit.SECONDS));
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
