package com.npskms.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.aws.ProblemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private static SetupState sample() {
        SetupState s = new SetupState();
        s.runId = "run-1";
        s.accountId = "111122223333";
        s.region = "eu-west-1";
        s.callerArn = "arn:aws:iam::111122223333:user/admin";
        s.policyArn = "arn:aws:iam::111122223333:policy/NPS_KMS_Policy";
        s.policyCreated = true;
        s.userCreated = true;
        s.accessKeyId = "AKIAEXAMPLE";
        s.accessKeyCreated = true;
        s.secretAccessKey = SecretText.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        s.consoleAccess = true;
        s.consolePassword = SecretText.of("Console-Pa55word!");
        s.tags.put("team", "pam");
        s.keyAdministrators.add("arn:aws:iam::111122223333:user/admin");
        s.completed.add(StepId.POLICY);
        s.completed.add(StepId.USER);
        s.pendingAction = "iam CreateAccessKey nps-kms-user";
        s.pendingStep = StepId.ACCESS_KEY;
        s.lastFailure = "Creating an access key failed";
        return s;
    }

    @Test
    void roundTripKeepsInputsProgressAndIdsButNoSecret() throws Exception {
        Journal journal = new Journal(dir);
        journal.record(sample());
        String text = Files.readString(journal.file());
        assertFalse(text.contains("wJalrXUtnFEMI"), "secret access key in the journal");
        assertFalse(text.contains("Console-Pa55word"), "console password in the journal");
        assertFalse(text.contains(SecretText.MASK), "not even a masked secret field");

        JournalEntry e = journal.findUnfinished().orElseThrow();
        SetupState back = e.state();
        assertEquals("111122223333", e.accountId());
        assertEquals("eu-west-1", e.region());
        assertEquals(java.util.Set.of(StepId.POLICY, StepId.USER), e.completed());
        assertEquals("AKIAEXAMPLE", back.accessKeyId);
        assertTrue(back.accessKeyCreated);
        assertEquals(null, back.secretAccessKey);
        assertEquals(null, back.consolePassword);
        assertEquals(Map.of("team", "pam"), back.tags);
        assertEquals(List.of("arn:aws:iam::111122223333:user/admin"), back.keyAdministrators);
        assertEquals("iam CreateAccessKey nps-kms-user", back.pendingAction);
        assertEquals(StepId.ACCESS_KEY, back.pendingStep);
        assertEquals("Creating an access key failed", e.lastFailure());
        assertTrue(e.created().contains("IAM user nps-kms-user"));
    }

    @Test
    void aSecretCanNeverBeWrittenAsJson() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThrows(Exception.class, () -> mapper.writeValueAsString(Map.of("s", SecretText.of("x"))));
    }

    @Test
    void finishedRunIsNotOfferedForResumeButStaysReadable() {
        Journal journal = new Journal(dir);
        SetupState s = sample();
        s.completed.addAll(java.util.EnumSet.allOf(StepId.class));
        journal.record(s);
        assertTrue(journal.findUnfinished().isEmpty());
        assertTrue(journal.findLast().isPresent());
        journal.clear();
        assertTrue(journal.findLast().isEmpty());
        assertFalse(Files.exists(journal.file()));
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        Journal journal = new Journal(dir.resolve("nested"));
        for (int i = 0; i < 5; i++) {
            journal.record(sample());
        }
        try (var files = Files.list(journal.directory())) {
            assertEquals(List.of(Journal.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anUnreadableJournalIsAProblemNotASilentFreshStart() throws Exception {
        Journal journal = new Journal(dir);
        Files.writeString(journal.file(), "{ not json");
        ProblemException e = assertThrows(ProblemException.class, journal::findUnfinished);
        assertTrue(e.getMessage().contains("cannot be read"));
    }

    @Test
    void aJournalFromAnotherAccountOrRegionIsRefused() {
        Journal journal = new Journal(dir);
        journal.record(sample());
        JournalEntry e = journal.findLast().orElseThrow();
        e.requireSameTarget("111122223333", "eu-west-1");
        ProblemException acct = assertThrows(ProblemException.class, () -> e.requireSameTarget("999988887777", "eu-west-1"));
        assertTrue(acct.getMessage().contains("111122223333") && acct.getMessage().contains("999988887777"), acct.getMessage());
        ProblemException region = assertThrows(ProblemException.class, () -> e.requireSameTarget("111122223333", "us-east-1"));
        assertTrue(region.getMessage().contains("eu-west-1") && region.getMessage().contains("us-east-1"));
    }

    @Test
    void appDataFolderPerOperatingSystem() {
        Path home = Path.of("/home/ann");
        assertEquals(Path.of("C:/Users/ann/AppData/Roaming", "NPS KMS Setup"),
                Journal.defaultDirectory("Windows 11", Map.of("APPDATA", "C:/Users/ann/AppData/Roaming"), home));
        assertEquals(home.resolve("Library/Application Support/NPS KMS Setup"),
                Journal.defaultDirectory("Mac OS X", Map.of(), home));
        assertEquals(Path.of("/data/xdg/nps-kms-setup"),
                Journal.defaultDirectory("Linux", Map.of("XDG_DATA_HOME", "/data/xdg"), home));
        assertEquals(home.resolve(".local/share/nps-kms-setup"), Journal.defaultDirectory("Linux", Map.of(), home));
        assertEquals(home.resolve(".local/share/nps-kms-setup"),
                Journal.defaultDirectory("Linux", Map.of("XDG_DATA_HOME", "relative"), home));
    }
}
