package com.npskms.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.*;

/** Every IAM operation of the sandbox, and the errors and limits AWS answers with, through the SDK's IamClient. */
class IamOperationsTest {
    static Sandbox sandbox;
    static IamClient iam;
    static final String DECRYPT_ANY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:*:123456789012:key/*\"}]}";

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        iam = SandboxClients.iam(sandbox);
    }

    @AfterAll
    static void stop() {
        iam.close();
        sandbox.close();
    }

    static AwsServiceException fails(Class<? extends AwsServiceException> type, String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertInstanceOf(type, e, e.toString());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        assertNotNull(e.requestId());
        return e;
    }

    private static String createPolicy(String name) {
        return iam.createPolicy(r -> r.policyName(name).policyDocument(DECRYPT_ANY)).policy().arn();
    }

    @Test
    void policyLifecycleWithVersions() {
        String arn = iam.createPolicy(r -> r.policyName("Lifecycle").description("for NPS").policyDocument(DECRYPT_ANY)
                .tags(Tag.builder().key("app").value("nps").build())).policy().arn();
        Policy got = iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertEquals("Lifecycle", got.policyName());
        assertEquals("for NPS", got.description());
        assertEquals(0, got.attachmentCount());
        assertTrue(got.policyId().startsWith("ANPA"));

        for (int i = 2; i <= 5; i++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DECRYPT_ANY));
        }
        List<PolicyVersion> versions = iam.listPolicyVersions(r -> r.policyArn(arn)).versions();
        assertEquals(List.of("v5", "v4", "v3", "v2", "v1"), versions.stream().map(PolicyVersion::versionId).toList());
        assertTrue(versions.get(4).isDefaultVersion());
        AwsServiceException sixth = fails(LimitExceededException.class, "LimitExceeded", 409,
                () -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DECRYPT_ANY)));
        assertTrue(sixth.awsErrorDetails().errorMessage().contains("up to 5 versions"));

        fails(DeleteConflictException.class, "DeleteConflict", 409,
                () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1")));
        fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deletePolicy(r -> r.policyArn(arn)));
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v3"));
        assertEquals("v3", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                () -> iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v9")));
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        PolicyVersion v6 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DECRYPT_ANY).setAsDefault(true))
                .policyVersion();
        assertEquals("v6", v6.versionId());
        assertEquals("v6", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
        assertEquals(DECRYPT_ANY, URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v6"))
                .policyVersion().document(), StandardCharsets.UTF_8));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")));

        for (String v : List.of("v1", "v3", "v4", "v5")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.getPolicy(r -> r.policyArn(arn)));
    }

    @Test
    void policyNamesDocumentsAndDuplicates() {
        createPolicy("Dup");
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409, () -> createPolicy("Dup"));
        fails(IamException.class, "ValidationError", 400, () -> createPolicy("bad name!"));
        fails(IamException.class, "ValidationError", 400, () -> createPolicy("x".repeat(129)));
        createPolicy("x".repeat(128));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                () -> iam.createPolicy(r -> r.policyName("Broken").policyDocument("{\"Version\":")));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400,
                () -> iam.createPolicy(r -> r.policyName("BadArn").policyDocument("{\"Version\":\"2012-10-17\","
                        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"my-key\"}]}")));
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
                + "\"Resource\":[" + "\"arn:aws:kms:us-east-1:123456789012:key/x\",".repeat(200) + "\"*\"]}]}";
        fails(LimitExceededException.class, "LimitExceeded", 409,
                () -> iam.createPolicy(r -> r.policyName("TooBig").policyDocument(big)));
        fails(IamException.class, "ValidationError", 400,
                () -> iam.createPolicy(r -> r.policyName("LongDesc").description("d".repeat(1001)).policyDocument(DECRYPT_ANY)));
        List<Policy> local = iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies();
        assertTrue(local.stream().anyMatch(p -> p.policyName().equals("Dup")));
        assertTrue(local.stream().noneMatch(p -> p.arn().contains(":aws:policy/")));
        assertTrue(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies().stream()
                .anyMatch(p -> p.policyName().equals("AdministratorAccess")));
    }

    @Test
    void usersAreUniqueRegardlessOfCaseAndNamesAreChecked() {
        User u = iam.createUser(r -> r.userName("Alice")).user();
        assertEquals("arn:aws:iam::" + sandbox.accountId() + ":user/Alice", u.arn());
        assertTrue(u.userId().startsWith("AIDA"));
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409,
                () -> iam.createUser(r -> r.userName("alice")));
        assertEquals("Alice", iam.getUser(r -> r.userName("ALICE")).user().userName());
        fails(IamException.class, "ValidationError", 400, () -> iam.createUser(r -> r.userName("has space")));
        fails(IamException.class, "ValidationError", 400, () -> iam.createUser(r -> r.userName("u".repeat(65))));
        iam.createUser(r -> r.userName("u".repeat(64)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.getUser(r -> r.userName("nobody")));
        assertTrue(iam.listUsers().users().stream().anyMatch(x -> x.userName().equals("Alice")));
        assertEquals(sandbox.adminUserName(), iam.getUser().user().userName(), "GetUser without a name is the caller");
        iam.deleteUser(r -> r.userName("alice"));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.getUser(r -> r.userName("Alice")));
    }

    @Test
    void listUsersPagesWithMarkers() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            iam.createUser(r -> r.userName("page-" + n));
        }
        ListUsersResponse first = iam.listUsers(r -> r.pathPrefix("/").maxItems(2));
        assertTrue(first.isTruncated());
        assertEquals(2, first.users().size());
        long all = iam.listUsersPaginator(r -> r.maxItems(2)).users().stream()
                .filter(x -> x.userName().startsWith("page-")).count();
        assertEquals(5, all);
    }

    @Test
    void tagsFollowTheIamCharsetAndLimits() {
        iam.createUser(r -> r.userName("tagged"));
        iam.tagUser(r -> r.userName("tagged").tags(Tag.builder().key("AKIAEXAMPLE").value("NPS key: rotation 2026/11").build()));
        assertEquals(List.of(Tag.builder().key("AKIAEXAMPLE").value("NPS key: rotation 2026/11").build()),
                iam.listUserTags(r -> r.userName("tagged")).tags());
        for (String bad : List.of("NPS key!", "a,b", "#1")) {
            fails(IamException.class, "ValidationError", 400,
                    () -> iam.tagUser(r -> r.userName("tagged").tags(Tag.builder().key("k").value(bad).build())));
        }
        fails(IamException.class, "ValidationError", 400,
                () -> iam.tagUser(r -> r.userName("tagged").tags(Tag.builder().key("k").value("v".repeat(257)).build())));
        fails(IamException.class, "ValidationError", 400,
                () -> iam.tagUser(r -> r.userName("tagged").tags(Tag.builder().key("k".repeat(129)).value("v").build())));
        Tag[] many = new Tag[50];
        for (int i = 0; i < 50; i++) {
            many[i] = Tag.builder().key("t" + i).value("v").build();
        }
        fails(LimitExceededException.class, "LimitExceeded", 409, () -> iam.tagUser(r -> r.userName("tagged").tags(many)));
        iam.untagUser(r -> r.userName("tagged").tagKeys("AKIAEXAMPLE"));
        assertTrue(iam.listUserTags(r -> r.userName("tagged")).tags().isEmpty());
        iam.tagUser(r -> r.userName("tagged").tags(many));
        assertEquals(50, iam.listUserTags(r -> r.userName("tagged")).tags().size());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                () -> iam.tagUser(r -> r.userName("ghost").tags(Tag.builder().key("k").value("v").build())));
    }

    @Test
    void attachDetachAndInlinePolicies() {
        String arn = createPolicy("Attachable");
        iam.createUser(r -> r.userName("attached"));
        iam.attachUserPolicy(r -> r.userName("attached").policyArn(arn));
        assertEquals(List.of(AttachedPolicy.builder().policyName("Attachable").policyArn(arn).build()),
                iam.listAttachedUserPolicies(r -> r.userName("attached")).attachedPolicies());
        assertEquals(1, iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount());
        fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deletePolicy(r -> r.policyArn(arn)));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.attachUserPolicy(r -> r.userName("attached")
                .policyArn("arn:aws:iam::" + sandbox.accountId() + ":policy/Nope")));
        iam.putUserPolicy(r -> r.userName("attached").policyName("inline").policyDocument(DECRYPT_ANY));
        assertEquals(List.of("inline"), iam.listUserPolicies(r -> r.userName("attached")).policyNames());
        assertEquals(DECRYPT_ANY, URLDecoder.decode(iam.getUserPolicy(r -> r.userName("attached").policyName("inline"))
                .policyDocument(), StandardCharsets.UTF_8));
        fails(MalformedPolicyDocumentException.class, "MalformedPolicyDocument", 400, () -> iam.putUserPolicy(r -> r
                .userName("attached").policyName("p").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}")));

        iam.detachUserPolicy(r -> r.userName("attached").policyArn(arn));
        assertTrue(iam.listAttachedUserPolicies(r -> r.userName("attached")).attachedPolicies().isEmpty());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                () -> iam.detachUserPolicy(r -> r.userName("attached").policyArn(arn)));
        iam.deleteUserPolicy(r -> r.userName("attached").policyName("inline"));
        iam.deletePolicy(r -> r.policyArn(arn));
    }

    @Test
    void deleteUserNeedsItsDependentsGoneFirst() {
        String arn = createPolicy("ForDeleteUser");
        iam.createUser(r -> r.userName("leaving"));
        iam.createLoginProfile(r -> r.userName("leaving").password("Corr3ct-Horse!").passwordResetRequired(true));
        fails(EntityAlreadyExistsException.class, "EntityAlreadyExists", 409,
                () -> iam.createLoginProfile(r -> r.userName("leaving").password("Corr3ct-Horse!")));
        assertTrue(iam.getLoginProfile(r -> r.userName("leaving")).loginProfile().passwordResetRequired());
        iam.createUser(r -> r.userName("weak-password"));
        fails(PasswordPolicyViolationException.class, "PasswordPolicyViolation", 400,
                () -> iam.createLoginProfile(r -> r.userName("weak-password").password("short")));
        String keyId = iam.createAccessKey(r -> r.userName("leaving")).accessKey().accessKeyId();
        iam.attachUserPolicy(r -> r.userName("leaving").policyArn(arn));
        iam.putUserPolicy(r -> r.userName("leaving").policyName("inline").policyDocument(DECRYPT_ANY));

        assertTrue(fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deleteUser(r -> r.userName("leaving")))
                .awsErrorDetails().errorMessage().contains("login profile"));
        iam.deleteLoginProfile(r -> r.userName("leaving"));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.deleteLoginProfile(r -> r.userName("leaving")));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.getLoginProfile(r -> r.userName("leaving")));
        assertTrue(fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deleteUser(r -> r.userName("leaving")))
                .awsErrorDetails().errorMessage().contains("access keys"));
        iam.deleteAccessKey(r -> r.userName("leaving").accessKeyId(keyId));
        assertTrue(fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deleteUser(r -> r.userName("leaving")))
                .awsErrorDetails().errorMessage().contains("detach"));
        iam.detachUserPolicy(r -> r.userName("leaving").policyArn(arn));
        fails(DeleteConflictException.class, "DeleteConflict", 409, () -> iam.deleteUser(r -> r.userName("leaving")));
        iam.deleteUserPolicy(r -> r.userName("leaving").policyName("inline"));
        iam.deleteUser(r -> r.userName("leaving"));
    }

    @Test
    void accessKeysTwoPerUserStatusAndLastUsed() {
        iam.createUser(r -> r.userName("keyed"));
        AccessKey first = iam.createAccessKey(r -> r.userName("keyed")).accessKey();
        AccessKey second = iam.createAccessKey(r -> r.userName("keyed")).accessKey();
        assertEquals("Active", first.statusAsString());
        AwsServiceException third = fails(LimitExceededException.class, "LimitExceeded", 409,
                () -> iam.createAccessKey(r -> r.userName("keyed")));
        assertEquals("Cannot exceed quota for AccessKeysPerUser: 2", third.awsErrorDetails().errorMessage());
        List<AccessKeyMetadata> listed = iam.listAccessKeys(r -> r.userName("keyed")).accessKeyMetadata();
        assertEquals(2, listed.size());
        assertTrue(listed.stream().allMatch(m -> m.accessKeyId() != null && m.createDate() != null));

        AccessKeyLastUsed never = iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId())).accessKeyLastUsed();
        assertNull(never.lastUsedDate());
        assertEquals("N/A", never.serviceName());
        assertEquals("N/A", never.region());

        SandboxClients.sts(sandbox, SandboxClients.creds(first.accessKeyId(), first.secretAccessKey())).getCallerIdentity();
        GetAccessKeyLastUsedResponse used = iam.getAccessKeyLastUsed(r -> r.accessKeyId(first.accessKeyId()));
        assertEquals("keyed", used.userName());
        assertEquals("sts", used.accessKeyLastUsed().serviceName());
        assertEquals("us-east-1", used.accessKeyLastUsed().region());
        assertNotNull(used.accessKeyLastUsed().lastUsedDate());

        iam.updateAccessKey(r -> r.userName("keyed").accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
        assertEquals("Inactive", iam.listAccessKeys(r -> r.userName("keyed")).accessKeyMetadata().stream()
                .filter(m -> m.accessKeyId().equals(first.accessKeyId())).findFirst().orElseThrow().statusAsString());
        iam.deleteAccessKey(r -> r.userName("keyed").accessKeyId(second.accessKeyId()));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404,
                () -> iam.deleteAccessKey(r -> r.userName("keyed").accessKeyId(second.accessKeyId())));
        assertEquals(1, iam.listAccessKeys(r -> r.userName("keyed")).accessKeyMetadata().size());
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.createAccessKey(r -> r.userName("ghost")));
    }

    @Test
    void rolesForThePickers() {
        List<Role> roles = iam.listRoles().roles();
        assertFalse(roles.isEmpty());
        Role admin = iam.getRole(r -> r.roleName("Admin")).role();
        assertEquals("arn:aws:iam::" + sandbox.accountId() + ":role/Admin", admin.arn());
        assertTrue(URLDecoder.decode(admin.assumeRolePolicyDocument(), StandardCharsets.UTF_8).contains("sts:AssumeRole"));
        fails(NoSuchEntityException.class, "NoSuchEntity", 404, () -> iam.getRole(r -> r.roleName("NoSuchRole")));
    }
}
