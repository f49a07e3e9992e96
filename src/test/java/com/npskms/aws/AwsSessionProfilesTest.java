package com.npskms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.setup.SecretText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles, SSO and region resolution against temporary AWS config files. */
class AwsSessionProfilesTest {

    @TempDir
    Path dir;
    AwsConfigFiles files;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void writeFiles() throws IOException {
        Path config = dir.resolve("config");
        Path credentials = dir.resolve("credentials");
        Files.writeString(config, String.join("\n",
                "[default]",
                "region = eu-west-1",
                "",
                "[profile prod]",
                "region = eu-central-1",
                "",
                "[profile noregion]",
                "output = json",
                "",
                "[profile sso-new]",
                "sso_session = corp-nps-test-" + System.nanoTime(),
                "sso_account_id = 111122223333",
                "sso_role_name = Admin",
                "region = us-west-2",
                "",
                "[profile sso-legacy]",
                "sso_start_url = https://legacy-nps-test-" + System.nanoTime() + ".awsapps.com/start",
                "sso_region = us-east-1",
                "sso_account_id = 111122223333",
                "sso_role_name = Admin",
                "region = ap-southeast-2",
                "",
                "[sso-session corp-nps-test-placeholder]",
                "sso_start_url = https://placeholder.awsapps.com/start",
                ""));
        // the sso-session section must carry the name used above
        String text = Files.readString(config);
        String session = text.lines().filter(l -> l.startsWith("sso_session = ")).findFirst().orElseThrow()
                .substring("sso_session = ".length());
        text = text.replace("[sso-session corp-nps-test-placeholder]", "[sso-session " + session + "]")
                .replace("https://placeholder.awsapps.com/start", "https://corp.awsapps.com/start")
                + "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n";
        Files.writeString(config, text);
        Files.writeString(credentials, String.join("\n",
                "[default]",
                "aws_access_key_id = AKIAEXAMPLEDEFAULT01",
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "",
                "[keysonly]",
                "aws_access_key_id = AKIAEXAMPLEKEYSONLY1",
                "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                ""));
        files = new AwsConfigFiles(config, credentials);
    }

    @Test
    void listsProfilesFromBothFilesWithDefaultFirstAndSsoMarked() {
        List<AwsProfiles.AwsProfile> all = AwsProfiles.list(files);
        List<String> names = all.stream().map(AwsProfiles.AwsProfile::name).toList();
        assertEquals(List.of("default", "keysonly", "noregion", "prod", "sso-legacy", "sso-new"), names);
        AwsProfiles.AwsProfile ssoNew = all.get(5);
        assertTrue(ssoNew.sso());
        assertEquals("https://corp.awsapps.com/start", ssoNew.ssoStartUrl());
        assertEquals("us-west-2", ssoNew.region());
        assertTrue(all.get(4).sso());
        assertFalse(all.get(3).sso());
        assertEquals("prod (eu-central-1)", all.get(3).label());
        assertNull(all.get(1).region());
    }

    @Test
    void noFilesMeansNoProfiles() {
        assertTrue(AwsProfiles.list(new AwsConfigFiles(dir.resolve("nope"), dir.resolve("nope2"))).isEmpty());
    }

    @Test
    void regionComesFromChoiceThenProfileThenEnvironment() {
        assertEquals("sa-east-1", region(ConnectionSettings.profile("prod", "sa-east-1")));
        assertEquals("eu-central-1", region(ConnectionSettings.profile("prod", null)));
        env.put("AWS_REGION", "ca-central-1");
        assertEquals("ca-central-1", region(ConnectionSettings.profile("noregion", null)));
        assertEquals("ca-central-1", region(ConnectionSettings.defaultChain(null)));
        env.remove("AWS_REGION");
        env.put("AWS_DEFAULT_REGION", "eu-north-1");
        assertEquals("eu-north-1", region(ConnectionSettings.profile("noregion", null)));
    }

    @Test
    void defaultChainFallsBackToTheDefaultProfilesRegion() {
        assertEquals("eu-west-1", region(ConnectionSettings.defaultChain(null)));
        env.put("AWS_PROFILE", "prod");
        assertEquals("eu-central-1", region(ConnectionSettings.defaultChain(null)));
    }

    @Test
    void noRegionAnywhereIsAPlainProblem() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> region(ConnectionSettings.profile("noregion", null)));
        assertEquals(Problem.Kind.INPUT, e.problem().kind());
        assertTrue(e.getMessage().contains("--region"), e.getMessage());
        assertTrue(e.getMessage().contains("noregion"), e.getMessage());
    }

    @Test
    void badRegionTextIsRefused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> region(ConnectionSettings.profile("prod", "Frankfurt")));
        assertTrue(e.getMessage().contains("not an AWS region code"));
    }

    @Test
    void unknownProfileListsTheOnesThatExist() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> AwsSession.open(ConnectionSettings.profile("staging", "us-east-1"), files, env::get));
        assertTrue(e.getMessage().contains("no AWS profile named 'staging'"), e.getMessage());
        assertTrue(e.getMessage().contains("prod"), e.getMessage());
        ProblemException noRegion = assertThrows(ProblemException.class,
                () -> AwsSession.open(ConnectionSettings.profile("staging", null), files, env::get));
        assertTrue(noRegion.getMessage().contains("no AWS profile named 'staging'"), "not a missing region: "
                + noRegion.getMessage());
    }

    @Test
    void profileWithKeysResolvesItsCredentials() {
        try (AwsSession s = AwsSession.open(ConnectionSettings.profile("keysonly", "us-east-1"), files, env::get)) {
            assertEquals("AKIAEXAMPLEKEYSONLY1", s.credentials().resolveCredentials().accessKeyId());
            assertEquals("us-east-1", s.region());
        }
    }

    @Test
    void ssoSessionProfileWithoutLoginSaysWhichLoginToRun() {
        assertSsoLoginAdvice("sso-new");
    }

    @Test
    void legacySsoProfileWithoutLoginSaysWhichLoginToRun() {
        assertSsoLoginAdvice("sso-legacy");
    }

    private void assertSsoLoginAdvice(String profile) {
        try (AwsSession s = AwsSession.open(ConnectionSettings.profile(profile, null), files, env::get)) {
            Problem direct = Problems.from(assertThrows(RuntimeException.class,
                    () -> s.credentials().resolveCredentials()), "Signing in");
            assertEquals(Problem.Kind.CREDENTIALS, direct.kind());
            assertTrue(direct.next().contains("aws sso login --profile " + profile), direct.toText());
            // and through a real call, the same advice reaches the caller
            ProblemException viaCall = assertThrows(ProblemException.class, s::whoAmI);
            assertTrue(viaCall.problem().next().contains("aws sso login --profile " + profile),
                    viaCall.getMessage());
            assertTrue(viaCall.problem().what().startsWith("Checking who you are"), viaCall.getMessage());
        }
    }

    @Test
    void endpointFromEnvironmentUnlessChosen() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        try (AwsSession s = AwsSession.open(ConnectionSettings.profile("prod", null), files, env::get)) {
            assertEquals(URI.create("http://127.0.0.1:4566"), s.endpoint());
        }
        try (AwsSession s = AwsSession.open(ConnectionSettings.profile("prod", null)
                .withEndpoint(URI.create("https://vpce.example.com")), files, env::get)) {
            assertEquals(URI.create("https://vpce.example.com"), s.endpoint());
        }
        env.put("AWS_ENDPOINT_URL", "not a url");
        assertThrows(ProblemException.class,
                () -> AwsSession.open(ConnectionSettings.profile("prod", null), files, env::get));
    }

    @Test
    void keysNeedBothHalves() {
        ProblemException e = assertThrows(ProblemException.class, () -> AwsSession.open(
                ConnectionSettings.keys("AKIAEXAMPLE", SecretText.of(""), null, "us-east-1"), files, env::get));
        assertEquals(Problem.Kind.INPUT, e.problem().kind());
    }

    @Test
    void keysWithTokenGiveSessionCredentials() {
        try (AwsSession s = AwsSession.open(ConnectionSettings.keys("ASIAEXAMPLE", SecretText.of("sec"),
                SecretText.of("tok"), "us-east-1"), files, env::get)) {
            assertTrue(s.credentials().resolveCredentials()
                    instanceof software.amazon.awssdk.auth.credentials.AwsSessionCredentials);
        }
    }

    private String region(ConnectionSettings s) {
        return AwsSession.resolveRegion(s, files, env::get);
    }
}
