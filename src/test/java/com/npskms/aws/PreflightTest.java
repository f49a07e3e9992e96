package com.npskms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** Pre-flight decisions: which principal is simulated, what is reported missing, when it cannot check. */
class PreflightTest {

    /** A stand-in IAM answering GetRole and SimulatePrincipalPolicy from fixed data. */
    static final class FakeIam implements IamClient {
        Set<String> denied = Set.of();
        Set<String> explicit = Set.of();
        RuntimeException simulationFails;
        RuntimeException getRoleFails;
        final List<String> simulatedFor = new ArrayList<>();

        @Override
        public GetRoleResponse getRole(GetRoleRequest r) {
            if (getRoleFails != null) {
                throw getRoleFails;
            }
            return GetRoleResponse.builder().role(Role.builder().roleName(r.roleName())
                    .arn("arn:aws:iam::123456789012:role/admins/" + r.roleName()).build()).build();
        }

        @Override
        public SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest r) {
            if (simulationFails != null) {
                throw simulationFails;
            }
            simulatedFor.add(r.policySourceArn());
            List<EvaluationResult> out = new ArrayList<>();
            for (String a : r.actionNames()) {
                out.add(EvaluationResult.builder().evalActionName(a).evalResourceName("*")
                        .evalDecision(explicit.contains(a) ? PolicyEvaluationDecisionType.EXPLICIT_DENY
                                : denied.contains(a) ? PolicyEvaluationDecisionType.IMPLICIT_DENY
                                : PolicyEvaluationDecisionType.ALLOWED).build());
            }
            return SimulatePrincipalPolicyResponse.builder().evaluationResults(out).isTruncated(false).build();
        }

        @Override
        public String serviceName() {
            return "iam";
        }

        @Override
        public void close() {
        }
    }

    final FakeIam iam = new FakeIam();
    final List<String> needed = Preflight.requiredActions(new Preflight.Needs(false, true, true));

    @Test
    void optionsDecideWhatIsNeeded() {
        assertFalse(needed.contains("iam:CreateLoginProfile"));
        assertTrue(needed.contains("kms:TagResource"));
        assertTrue(needed.contains("kms:EnableKeyRotation"));
        List<String> bare = Preflight.requiredActions(new Preflight.Needs(true, false, false));
        assertTrue(bare.contains("iam:CreateLoginProfile"));
        assertFalse(bare.contains("kms:TagResource"));
        assertFalse(bare.contains("kms:EnableKeyRotation"));
        assertTrue(bare.containsAll(List.of("iam:CreatePolicy", "iam:CreateUser", "iam:CreateAccessKey",
                "kms:CreateKey", "kms:CreateAlias", "iam:CreatePolicyVersion", "iam:SimulatePrincipalPolicy")));
    }

    @Test
    void assumedRoleSessionIsSimulatedAsItsRole() {
        Preflight.Result r = Preflight.check(iam, "arn:aws:sts::123456789012:assumed-role/Ops/alice@example.com",
                needed);
        assertEquals(List.of("arn:aws:iam::123456789012:role/admins/Ops"), iam.simulatedFor);
        assertEquals(Preflight.Result.Status.ALL_ALLOWED, r.status());
        assertTrue(r.mayProceed());
    }

    @Test
    void roleNameIsUsedWhenGetRoleIsDenied() {
        iam.getRoleFails = ProblemsTest.iam("AccessDenied", "not authorized to perform: iam:GetRole", 403);
        assertEquals("arn:aws:iam::123456789012:role/Ops", Preflight.simulationPrincipal(iam,
                "arn:aws:sts::123456789012:assumed-role/Ops/s1"));
        assertEquals("arn:aws:iam::123456789012:user/bob", Preflight.simulationPrincipal(iam,
                "arn:aws:iam::123456789012:user/bob"));
    }

    @Test
    void missingActionsAreNamedWithAPolicyGrantingThem() throws Exception {
        iam.denied = Set.of("kms:CreateAlias", "iam:CreateUser");
        iam.explicit = Set.of("kms:TagResource");
        Preflight.Result r = Preflight.check(iam, "arn:aws:iam::123456789012:user/ops", needed);
        assertEquals(Preflight.Result.Status.MISSING, r.status());
        assertFalse(r.mayProceed());
        assertEquals(Set.of("kms:CreateAlias", "iam:CreateUser", "kms:TagResource"), Set.copyOf(r.missing()));
        assertEquals(List.of("kms:TagResource"), r.explicitlyDenied());
        String text = r.toText();
        assertTrue(text.contains("kms:CreateAlias") && text.contains("create the NPS user"), text);
        assertTrue(text.contains("explicitly denied"), text);
        JsonNode policy = new ObjectMapper().readTree(r.missingPolicyJson());
        assertEquals("2012-10-17", policy.get("Version").asText());
        JsonNode st = policy.get("Statement").get(0);
        assertEquals("Allow", st.get("Effect").asText());
        assertEquals(3, st.get("Action").size());
        assertEquals("*", st.get("Resource").asText());
    }

    @Test
    void rootMayDoEverythingWithoutAsking() {
        Preflight.Result r = Preflight.check(iam, "arn:aws:iam::123456789012:root", needed);
        assertEquals(Preflight.Result.Status.ALL_ALLOWED, r.status());
        assertTrue(iam.simulatedFor.isEmpty());
    }

    @Test
    void deniedSimulationMeansNotCheckedAndMayGoOn() {
        iam.simulationFails = ProblemsTest.iam("AccessDenied", "User: arn:aws:iam::123456789012:user/ops is not "
                + "authorized to perform: iam:SimulatePrincipalPolicy", 403);
        Preflight.Result r = Preflight.check(iam, "arn:aws:iam::123456789012:user/ops", needed);
        assertEquals(Preflight.Result.Status.NOT_CHECKED, r.status());
        assertTrue(r.mayProceed());
        assertTrue(r.toText().contains("could not be checked"), r.toText());
        assertTrue(r.toText().contains("You may go on"), r.toText());
        assertTrue(r.reason().contains("iam:SimulatePrincipalPolicy"), r.reason());
    }

    @Test
    void anyServiceErrorOfTheSimulationIsNotFatal() {
        iam.simulationFails = ProblemsTest.iam("ServiceFailure", "boom", 500);
        assertEquals(Preflight.Result.Status.NOT_CHECKED,
                Preflight.check(iam, "arn:aws:iam::123456789012:user/ops", needed).status());
    }
}
