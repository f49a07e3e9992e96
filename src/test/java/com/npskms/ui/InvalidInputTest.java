package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.npskms.ui.pages.KmsKeyPage;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Input that breaks an AWS rule blocks Next on every page and the rule shows at the field; fixing it unblocks. */
class InvalidInputTest extends WizardTestBase {

    private static void blockedWithRule(WizardRobot user, TextField field, String bad, String ruleWords, String good) {
        user.type(field, bad);
        assertFalse(user.nextEnabled(), "Next stays disabled with '" + bad + "'");
        String shown = fieldMessage(user);
        assertTrue(shown.contains(ruleWords), "the rule is shown at the field: " + shown);
        Page page = user.wizard().pageProperty().get();
        user.enter();
        assertEquals(page, user.wizard().pageProperty().get(), "Enter does not leave the page");
        user.type(field, good);
        assertTrue(user.nextEnabled(), "Next is enabled again with '" + good + "'" + user.diagnostics());
        assertEquals("", fieldMessage(user));
    }

    private static String fieldMessage(WizardRobot user) {
        return user.fx().lookup(".field-message").queryAll().stream()
                .filter(n -> n.isVisible() && n.getScene() != null && isShowing(n))
                .map(n -> ((Label) n).getText()).reduce("", String::concat);
    }

    private static boolean isShowing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyPageBlocksNextAndShowsTheRule(FxRobot fx) {
        WizardRobot user = new WizardRobot(fx, wizard);
        user.on(Page.START);
        user.enter();
        user.on(Page.CONNECT);
        user.click("#keysChoice");
        user.type(user.find("#accessKeyId"), "not a key");
        assertFalse(user.nextEnabled());
        assertTrue(fieldMessage(user).contains("16 to 128 capital letters"), fieldMessage(user));
        assertTrue(fieldMessage(user).contains("secret access key"), "an empty secret is named too");
        user.type(user.find("#accessKeyId"), "AKIAIOSFODNN7EXAMPLE");
        user.type(user.find("#secretKey"), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertTrue(user.nextEnabled(), user.diagnostics());
        user.click("#sandboxChoice");
        user.enter();
        user.idle();
        user.enter();

        user.on(Page.POLICY);
        blockedWithRule(user, user.find("#policyName"), "NPS KMS Policy", "no spaces", "NPS_KMS_Policy");
        user.enter();
        user.on(Page.USER);
        blockedWithRule(user, user.find("#userName"), "", "required", "nps-kms-user");
        user.enter();
        user.on(Page.ACCESS_KEY);
        blockedWithRule(user, user.find("#description"), "NPS, primary!", "", "NPS primary");
        user.enter();
        user.on(Page.KMS_KEY);
        blockedWithRule(user, user.find("#alias"), "alias/aws/nps", "aws/", "alias/nps-protection-key");
        assertEquals("Will be created as alias/nps-protection-key", user.text("#aliasHint"),
                "a typed alias/ prefix is not doubled");

        // A tag with a value but no key breaks the tag rule.
        KmsKeyPage page = (KmsKeyPage) wizard.controller(Page.KMS_KEY);
        user.click("#addTag");
        TextField value = fx.lookup(".tag-value").query();
        user.type(value, "finance");
        assertFalse(user.nextEnabled(), "a tag without a key blocks Next");
        assertTrue(fieldMessage(user).toLowerCase().contains("key"), fieldMessage(user));
        TextField key = fx.lookup(".tag-key").query();
        user.type(key, "CostCenter");
        assertTrue(user.nextEnabled(), user.diagnostics());
        assertEquals("finance", page.tagEditor().tags().get("CostCenter"));
    }
}
