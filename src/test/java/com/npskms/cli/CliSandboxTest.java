package com.npskms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.npskms.sandbox.Sandbox;
import com.npskms.sandbox.SandboxKnobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The command line end to end against one sandbox, through the real SDK: setup, dry run, the secret's ways
 * out, rotate, rollback, resume after a failure, pre-flight stopping an operator, exit codes.
 */
class CliSandboxTest {

    static Sandbox sandbox;
    static IamClient adminIam;
    static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        adminIam = IamClient.builder().endpointOverride(sandbox.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .build();
        actAs(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        adminIam.close();
        sandbox.close();
    }

    @AfterEach
    void calm() {
        sandbox.knobs().clearFaults();
        actAs(sandbox.adminAccessKeyId(), sandbox.adminSecretAccessKey());
    }

    /** The default credential chain reads these first, as it reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
    static void actAs(String id, String secret) {
        System.setProperty("aws.accessKeyId", id);
        System.setProperty("aws.secretAccessKey", secret);
    }

    CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (List.of("setup", "resume", "rollback").contains(args[0]) && !all.contains("--journal-dir")) {
            all.add("--journal-dir");
            all.add(dir.resolve("journal").toString());
        }
        all.addAll(List.of("--endpoint-url", sandbox.endpoint().toString(), "--region", sandbox.region()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Names unique to a test, so tests share one sandbox without meeting. */
    static String[] names(String tag) {
        int n = SEQ.incrementAndGet();
        return new String[] {"--user-name", "nps-" + tag + n, "--policy-name", "NPS_" + tag + n,
                "--alias", "nps-" + tag + n};
    }

    static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    static boolean userExists(String name) {
        try {
            adminIam.getUser(b -> b.userName(name));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    @Test
    void dryRunPrintsThePlanAndTheDocumentsAndChangesNothing() {
        String[] n = names("dry");
        CliRun r = cli(concat(new String[] {"setup", "--dry-run"}, n));
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("iam CreatePolicy"), r.out());
        assertTrue(r.out().contains("kms CreateKey"), r.out());
        assertTrue(r.out().contains("\"key-consolepolicy-3\""), "the key policy JSON is shown: " + r.out());
        assertTrue(r.out().contains("arn:aws:kms:*:" + sandbox.accountId() + ":key/*"), r.out());
        assertFalse(userExists(n[1]));
        assertFalse(Files.exists(dir.resolve("journal").resolve("setup-run.json")), "a dry run leaves no journal");
    }

    @Test
    void setupWritesTheSecretOwnerOnlyAndNeverPrintsIt() throws Exception {
        String[] n = names("full");
        Path secretFile = dir.resolve("nps-secret.txt");
        CliRun r = cli(concat(new String[] {"setup", "--yes", "--secret-file", secretFile.toString(), "--output", "json"},
                n));
        assertEquals(0, r.code(), r.all());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        String secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
        assertEquals(40, secret.length());
        assertFalse(r.all().contains(secret), "the secret is not printed without --show-secret");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertFalse(j.has("secretAccessKey"));
        String keyArn = j.get("kmsKeyArn").asText();
        assertTrue(keyArn.startsWith("arn:aws:kms:us-east-1:" + sandbox.accountId() + ":key/"), keyArn);
        assertEquals("us-east-1", j.get("region").asText());
        assertTrue(j.get("verified").asBoolean());
        // the four values really work as NPS will use them
        String plain = encryptDecryptAs(j.get("accessKeyId").asText(), secret, keyArn);
        assertEquals("nps", plain);
        // a second file with the same name is refused before anything happens
        CliRun again = cli(concat(new String[] {"setup", "--yes", "--secret-file", secretFile.toString()}, names("x")));
        assertEquals(2, again.code(), again.all());
        assertTrue(again.err().contains("never overwritten"), again.err());
    }

    @Test
    void showSecretPrintsItInTextWithTheFourValuesInNpsOrder() {
        CliRun r = cli(concat(new String[] {"setup", "--yes", "--show-secret"}, names("show")));
        assertEquals(0, r.code(), r.all());
        int id = r.out().indexOf("Access key ID:");
        int secret = r.out().indexOf("Secret access key:");
        int arn = r.out().indexOf("KMS key ARN:");
        int region = r.out().indexOf("AWS region:");
        assertTrue(id >= 0 && id < secret && secret < arn && arn < region, r.out());
        String secretLine = r.out().substring(secret).lines().findFirst().orElseThrow();
        assertTrue(secretLine.matches("Secret access key:\\s+\\S{40}"), secretLine);
    }

    @Test
    void consoleAccessPasswordOnlyWithShowSecretAndJsonStaysJson() throws Exception {
        CliRun shown = cli(concat(new String[] {"setup", "--yes", "--console-access", "--show-secret", "--output",
                "json"}, names("console")));
        assertEquals(0, shown.code(), shown.all());
        JsonNode j = new ObjectMapper().readTree(shown.out());
        String password = j.get("consolePassword").asText();
        assertTrue(password.length() >= 8, password);
        assertEquals(40, j.get("secretAccessKey").asText().length());
        CliRun hidden = cli(concat(new String[] {"setup", "--yes", "--console-access"}, names("console")));
        assertEquals(0, hidden.code(), hidden.all());
        assertTrue(hidden.err().contains("A console password was set"), hidden.err());
        assertFalse(hidden.out().contains("Console password of"), hidden.out());
    }

    @Test
    void badInputIsRefusedWithExitCode2AndNothingCreated() {
        CliRun r = cli("setup", "--yes", "--user-name", "bad name!", "--policy-name", "NPS_bad", "--alias", "nps-bad");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("userName"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        CliRun flag = cli("setup", "--deletion-window-days", "many");
        assertEquals(2, flag.code());
    }

    @Test
    void aFailedStepKeepsTheJournalAndRollbackRemovesEverything() {
        String[] n = names("fail");
        sandbox.knobs().failNext("CreateKey", SandboxKnobs.Fault.HTTP_500, 20);
        CliRun r = cli(concat(new String[] {"setup", "--yes"}, n));
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("journal is kept"), r.err());
        assertTrue(userExists(n[1]), "the steps before the failure stay done");
        sandbox.knobs().clearFaults();
        CliRun back = cli("rollback", "--yes");
        assertEquals(0, back.code(), back.all());
        assertTrue(back.out().contains("Rolled back"), back.out());
        assertFalse(userExists(n[1]));
        assertThrows(NoSuchEntityException.class, () -> adminIam.getPolicy(b -> b.policyArn(
                "arn:aws:iam::" + sandbox.accountId() + ":policy/" + n[3])));
        CliRun nothing = cli("rollback", "--yes");
        assertEquals(1, nothing.code(), "no journal left to roll back: " + nothing.all());
    }

    @Test
    void resumeAfterAFailureFinishesWithoutDuplicates() throws Exception {
        String[] n = names("resume");
        sandbox.knobs().failNext("CreateAlias", SandboxKnobs.Fault.HTTP_503, 20);
        assertEquals(1, cli(concat(new String[] {"setup", "--yes"}, n)).code());
        sandbox.knobs().clearFaults();
        CliRun r = cli("resume", "--yes", "--output", "json");
        assertEquals(0, r.code(), r.all());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("verified").asBoolean());
        assertEquals(1, adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().size(),
                "one access key for the user, not one per attempt");
    }

    @Test
    void aDroppedConnectionStopsCleanlyAndResumeFinishes() throws Exception {
        String[] n = names("drop");
        sandbox.knobs().failNext("CreateUser", SandboxKnobs.Fault.DROP_CONNECTION, 20);
        CliRun r = cli(concat(new String[] {"setup", "--yes"}, n));
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("AWS could not be reached"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        sandbox.knobs().clearFaults();
        CliRun resumed = cli("resume", "--yes", "--output", "json");
        assertEquals(0, resumed.code(), resumed.all());
        assertTrue(new ObjectMapper().readTree(resumed.out()).get("verified").asBoolean());
        assertEquals(1, adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().size());
    }

    @Test
    void resumeAfterAFinishedRunChangesNothing() {
        String[] n = names("done");
        assertEquals(0, cli(concat(new String[] {"setup", "--yes"}, n)).code());
        String key = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().get(0).accessKeyId();
        CliRun r = cli("resume", "--yes");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("nothing to resume"), r.err());
        var keys = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata();
        assertEquals(1, keys.size());
        assertEquals(key, keys.get(0).accessKeyId(), "the key NPS may already use is kept");
    }

    @Test
    void rotateWithOneKeyThenFinishLeavesOnlyTheNewKey() throws Exception {
        String[] n = names("rot");
        Path first = dir.resolve("first.txt");
        assertEquals(0, cli(concat(new String[] {"setup", "--yes", "--secret-file", first.toString()}, n)).code());
        String oldKey = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().get(0).accessKeyId();
        String keyArn = adminKms().describeKey(b -> b.keyId("alias/" + n[5])).keyMetadata().arn();
        nextSecond(); // the verification used the old key; IAM dates have one-second resolution
        Path second = dir.resolve("second.txt");
        CliRun created = cli("rotate", "--user-name", n[1], "--yes", "--secret-file", second.toString(),
                "--output", "json");
        assertEquals(0, created.code(), created.all());
        String newKey = new ObjectMapper().readTree(created.out()).get("accessKeyId").asText();
        assertTrue(created.err().contains("--finish --old-key " + oldKey), created.err());
        assertFalse(created.all().contains(Files.readString(second).strip()));
        assertEquals(2, adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().size(),
                "the old key is kept until NPS is switched");
        // something still uses the old key after the new one exists: it is left active
        encryptDecryptAs(oldKey, Files.readString(first).strip(), keyArn);
        CliRun refused = cli("rotate", "--user-name", n[1], "--finish", "--old-key", oldKey, "--new-key", newKey,
                "--yes");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("is left active"), refused.err());
        assertTrue(adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().stream()
                .allMatch(k -> k.statusAsString().equals("Active")), "nothing deactivated");
        // the admin knows better (say, it was a last test call): --force finishes
        encryptDecryptAs(newKey, Files.readString(second).strip(), keyArn);
        CliRun finish = cli("rotate", "--user-name", n[1], "--finish", "--old-key", oldKey, "--new-key", newKey,
                "--force", "--yes");
        assertEquals(0, finish.code(), finish.all());
        var left = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata();
        assertEquals(1, left.size());
        assertEquals(newKey, left.get(0).accessKeyId());
        assertFalse(adminIam.listUserTags(b -> b.userName(n[1])).tags().stream().anyMatch(t -> t.key().equals(oldKey)),
                "the old key's description tag is removed");
    }

    @Test
    void rotateWithTwoKeysExplainsAndMakesRoomOnlyWhenAsked() throws Exception {
        String[] n = names("two");
        assertEquals(0, cli(concat(new String[] {"setup", "--yes"}, n)).code());
        String first = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata().get(0).accessKeyId();
        nextSecond(); // the verification used the first key; IAM dates have one-second resolution
        // a rotation that kept the old key inactive: two keys now, the old one inactive
        CliRun rotated = cli("rotate", "--user-name", n[1], "--yes", "--output", "json");
        String second = new ObjectMapper().readTree(rotated.out()).get("accessKeyId").asText();
        assertEquals(0, cli("rotate", "--user-name", n[1], "--finish", "--old-key", first, "--keep-old", "--yes")
                .code());
        CliRun refused = cli("rotate", "--user-name", n[1], "--yes");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("two access keys"), refused.err());
        assertTrue(refused.err().contains(first), "names the unused key: " + refused.err());
        CliRun room = cli("rotate", "--user-name", n[1], "--yes", "--make-room");
        assertEquals(0, room.code(), room.all());
        var keys = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata();
        assertEquals(2, keys.size());
        assertFalse(keys.stream().anyMatch(k -> k.accessKeyId().equals(first)), "the inactive key made room");
        assertTrue(keys.stream().anyMatch(k -> k.accessKeyId().equals(second)), "the key in use stays");
    }

    @Test
    void makeRoomNeverTouchesTheNewestKey() {
        String[] n = names("newest");
        assertEquals(0, cli(concat(new String[] {"setup", "--yes"}, n)).code());
        AccessKey spare = adminIam.createAccessKey(b -> b.userName(n[1])).accessKey();
        CliRun r = cli("rotate", "--user-name", n[1], "--yes", "--make-room");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("delete-access-key"), r.err());
        var keys = adminIam.listAccessKeys(b -> b.userName(n[1])).accessKeyMetadata();
        assertEquals(2, keys.size());
        assertTrue(keys.stream().allMatch(k -> k.statusAsString().equals("Active")), "nothing deactivated");
        assertTrue(keys.stream().anyMatch(k -> k.accessKeyId().equals(spare.accessKeyId())));
    }

    @Test
    void anOperatorMissingPermissionsIsStoppedBeforeAnythingIsCreated() {
        String op = "ops-limited-" + SEQ.incrementAndGet();
        adminIam.createUser(b -> b.userName(op));
        adminIam.putUserPolicy(b -> b.userName(op).policyName("read-only").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\","
                        + "\"iam:List*\",\"iam:SimulatePrincipalPolicy\",\"iam:CreatePolicy\",\"kms:Describe*\","
                        + "\"kms:List*\"],\"Resource\":\"*\"}]}"));
        AccessKey k = adminIam.createAccessKey(b -> b.userName(op)).accessKey();
        actAs(k.accessKeyId(), k.secretAccessKey());
        CliRun pre = cli("preflight");
        assertEquals(1, pre.code(), pre.all());
        assertTrue(pre.out().contains("iam:CreateUser"), pre.out());
        assertTrue(pre.out().contains("\"Effect\""), "a policy to grant them: " + pre.out());
        String[] n = names("op");
        CliRun setup = cli(concat(new String[] {"setup", "--yes"}, n));
        assertEquals(1, setup.code(), setup.all());
        assertTrue(setup.err().toLowerCase().contains("nothing was created"), setup.err());
        assertTrue(setup.err().contains("kms:CreateKey"), setup.err());
        assertThrows(NoSuchEntityException.class, () -> adminIam.getPolicy(b -> b.policyArn(
                "arn:aws:iam::" + sandbox.accountId() + ":policy/" + n[3])), "not even the allowed policy");
    }

    @Test
    void preflightNamesAnExplicitDenyAndStillOffersThePolicy() throws Exception {
        String op = "ops-norollback-" + SEQ.incrementAndGet();
        adminIam.createUser(b -> b.userName(op));
        adminIam.putUserPolicy(b -> b.userName(op).policyName("all-but-delete").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"iam:DeleteUser\","
                        + "\"Resource\":\"*\"}]}"));
        AccessKey k = adminIam.createAccessKey(b -> b.userName(op)).accessKey();
        actAs(k.accessKeyId(), k.secretAccessKey());
        CliRun r = cli("preflight");
        assertEquals(1, r.code(), "roll back must stay possible: " + r.all());
        assertTrue(r.out().contains("iam:DeleteUser (explicitly denied) — roll back"), r.out());
        CliRun json = cli("preflight", "--output", "json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals("MISSING", j.get("status").asText());
        assertEquals("iam:DeleteUser", j.get("missing").get(0).asText());
        assertEquals("iam:DeleteUser", new ObjectMapper().readTree(j.get("policyGrantingMissing").asText())
                .get("Statement").get(0).get("Action").get(0).asText());
    }

    @Test
    void verifyChecksAnExistingSetupWithTheUsersOwnKey() throws Exception {
        String[] n = names("ver");
        Path secret = dir.resolve("s.txt");
        CliRun setup = cli(concat(new String[] {"setup", "--yes", "--secret-file", secret.toString(), "--output", "json"},
                n));
        assertEquals(0, setup.code(), setup.all());
        String keyId = new ObjectMapper().readTree(setup.out()).get("accessKeyId").asText();
        CliRun ok = cli("verify", "--user-name", n[1], "--access-key-id", keyId, "--key", n[5],
                "--secret-file", secret.toString());
        assertEquals(0, ok.code(), ok.all());
        assertTrue(ok.out().contains("no other"), ok.out());
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        CliRun bad = cli("verify", "--user-name", n[1], "--access-key-id", keyId, "--key", n[5],
                "--secret-file", wrong.toString());
        assertEquals(1, bad.code(), bad.all());
        assertTrue(bad.err().contains("secret access key"), bad.err());
        assertFalse(bad.all().contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    /** Waits into the next wall-clock second (IAM's date resolution), at most about a second. */
    static void nextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

    static KmsClient adminKms() {
        return KmsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.of(sandbox.region()))
                .credentialsProvider(sandbox.adminCredentialsProvider()).httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static String encryptDecryptAs(String id, String secret, String keyArn) {
        try (KmsClient kms = KmsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            SdkBytes c = kms.encrypt(b -> b.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("nps"))).ciphertextBlob();
            return kms.decrypt(b -> b.keyId(keyArn).ciphertextBlob(c)).plaintext().asUtf8String();
        }
    }
}
