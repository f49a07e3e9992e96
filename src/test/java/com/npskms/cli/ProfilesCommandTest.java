package com.npskms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.npskms.aws.AwsConfigFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code profiles} lists what the AWS files hold, SSO profiles marked, and the region picker's list. */
class ProfilesCommandTest {

    @TempDir
    Path dir;

    String run(AwsConfigFiles files, String... args) {
        CommandLine cl = new CommandLine(new ProfilesCommand(files));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute(args));
        return out.toString();
    }

    @Test
    void listsProfilesWithRegionAndSso() throws Exception {
        Files.writeString(dir.resolve("config"), "[profile prod]\nregion = eu-west-1\n\n[profile corp]\n"
                + "sso_session = corp\nsso_account_id = 1\nsso_role_name = Admin\n\n[sso-session corp]\n"
                + "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
        Files.writeString(dir.resolve("credentials"), "[default]\naws_access_key_id = AKIAX\n"
                + "aws_secret_access_key = y\n");
        AwsConfigFiles files = new AwsConfigFiles(dir.resolve("config"), dir.resolve("credentials"));
        String text = run(files);
        assertTrue(text.startsWith("default"), text);
        assertTrue(text.contains("SSO https://corp.awsapps.com/start"), text);
        JsonNode j = new ObjectMapper().readTree(run(files, "--output", "json"));
        assertEquals(3, j.size());
        assertEquals("corp", j.get(1).get("name").asText());
        assertTrue(j.get(1).get("sso").asBoolean());
        assertEquals("eu-west-1", j.get(2).get("region").asText());
    }

    @Test
    void noFilesSaysHowToMakeAProfile() {
        String text = run(new AwsConfigFiles(dir.resolve("none"), dir.resolve("none2")));
        assertTrue(text.contains("aws configure"), text);
    }

    @Test
    void regionsForThePicker() {
        String text = run(null, "--regions");
        assertTrue(text.contains("eu-central-1 — Europe (Frankfurt)"), text);
    }
}
