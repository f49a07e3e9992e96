package com.npskms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Usage errors, exit codes and plain-words failures of the command line, without a sandbox. */
class CliBasicsTest {

    static CannedSts sts;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void keys() {
        sts = new CannedSts();
        // the default chain reads these first, like AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
        System.setProperty("aws.accessKeyId", "AKIAEXAMPLECLI00001");
        System.setProperty("aws.secretAccessKey", "cliTestSecretKey0000000000000000000000001");
    }

    @AfterAll
    static void clear() {
        sts.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void unknownOptionIsBadUsage() {
        CliRun r = cli("whoami", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void unknownOutputFormatIsBadUsage() {
        CliRun r = cli("whoami", "--output", "yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--output"), r.err());
    }

    @Test
    void badRegionIsBadInputInPlainWords() {
        CliRun r = cli("whoami", "--region", "Frankfurt", "--endpoint-url", sts.endpoint().toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'Frankfurt' is not an AWS region code"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void whoamiPrintsAccountCallerAndRegion() {
        CliRun r = cli("whoami", "--region", "eu-west-1", "--endpoint-url", sts.endpoint().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("210987654321"), r.out());
        assertTrue(r.out().contains("arn:aws:iam::210987654321:user/ops"), r.out());
        assertTrue(r.out().contains("eu-west-1"), r.out());
    }

    @Test
    void whoamiAsJson() throws Exception {
        CliRun r = cli("whoami", "--region", "eu-west-1", "--endpoint-url", sts.endpoint().toString(), "--output", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("210987654321", j.get("account").asText());
        assertEquals("eu-west-1", j.get("region").asText());
    }

    @Test
    void unreachableEndpointIsAFailedCallWithANextStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = cli("whoami", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:" + port);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("AWS could not be reached"), r.err());
        assertTrue(r.err().contains("What to do:"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void failuresAreJsonTooWithOutputJson() throws Exception {
        CliRun r = cli("whoami", "--region", "Frankfurt", "--output", "json");
        assertEquals(2, r.code());
        JsonNode j = new ObjectMapper().readTree(r.err());
        assertEquals("INPUT", j.get("kind").asText());
        assertTrue(j.get("next").asText().contains("us-east-1"), r.err());
        assertEquals("", r.out(), "stdout stays empty for scripts");
    }

    @Test
    void sandboxCannotBeMixedWithAProfile() {
        CliRun r = cli("whoami", "--sandbox", "--profile", "prod");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--sandbox cannot be combined"), r.err());
    }
}
