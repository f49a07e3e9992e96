package com.npskms.ui.pages;

import com.npskms.setup.NpsValues;
import com.npskms.ui.Messages;
import com.npskms.ui.common.CopyableValue;
import com.npskms.ui.common.SecretDisplay;
import com.npskms.ui.common.States;
import com.npskms.ui.WizardPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;

/**
 * Result: the four values NPS asks for, in its order, each with Copy; the secret masked with Reveal and shown
 * only now; Copy all (without the secret); a summary saved as text or JSON (the secret only when ticked).
 */
public final class ResultPage extends WizardPage {
    @FXML private CopyableValue accessKeyId;
    @FXML private SecretDisplay secret;
    @FXML private CopyableValue keyArn;
    @FXML private CopyableValue region;
    @FXML private Label secretWarning;
    @FXML private CheckBox includeSecret;
    @FXML private Label savedNote;
    @FXML private Label sandboxNote;
    private NpsValues values;

    @FXML
    private void initialize() {
        secretWarning.pseudoClassStateChanged(States.WARNING, true);
        accessKeyId.setAccessibleName(Messages.text("result.accessKeyId"));
        secret.setAccessibleName(Messages.text("result.secret"));
        keyArn.setAccessibleName(Messages.text("result.keyArn"));
        region.setAccessibleName(Messages.text("result.region"));
        StartPage.show(savedNote, false);
        sandboxNote.pseudoClassStateChanged(States.WARNING, true);
    }

    @Override
    public void shown() {
        backAllowed.set(false);
        nextText.set(Messages.text("result.button.finish"));
        for (CopyableValue v : new CopyableValue[] {accessKeyId, secret, keyArn, region}) {
            v.setClipboard(wizard.clipboard());
        }
        StartPage.show(sandboxNote, wizard.session().sandboxActiveProperty().get());
        values = wizard.session().result();
        accessKeyId.setValue(values.accessKeyId());
        secret.setSecret(values.secretAccessKey());
        keyArn.setValue(values.kmsKeyArn());
        region.setValue(values.region());
        boolean secretKnown = values.secretAccessKey() != null && !values.secretAccessKey().isWiped();
        secretWarning.setText(Messages.text(secretKnown ? "result.secretWarning" : "result.secretGone"));
        wizard.session().refresh();
    }

    @FXML
    private void copyAll() {
        wizard.clipboard().copy(nonSecretText());
        wizard.notify(Messages.text("result.copiedAll"));
    }

    /** The three values that are not secret, one per line, labelled as NPS labels them. */
    public String nonSecretText() {
        return Messages.text("result.accessKeyId") + ": " + values.accessKeyId() + "\n"
                + Messages.text("result.keyArn") + ": " + values.kmsKeyArn() + "\n"
                + Messages.text("result.region") + ": " + values.region() + "\n";
    }

    @FXML
    private void saveText() {
        choose("summary.txt", "*.txt").ifPresent(p -> save(p, false));
    }

    @FXML
    private void saveJson() {
        choose("summary.json", "*.json").ifPresent(p -> save(p, true));
    }

    private java.util.Optional<Path> choose(String name, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("nps-kms-" + name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        java.io.File f = chooser.showSaveDialog(secret.getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    /** Writes the summary; with the secret only when its box is ticked, and then readable by the owner only. */
    public void save(Path file, boolean json) {
        boolean withSecret = includeSecret.isSelected();
        String text = json ? values.toJson(withSecret) : values.toText(withSecret);
        try {
            Files.deleteIfExists(file);
            if (withSecret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            savedNote.setText(Messages.format(withSecret ? "result.savedWithSecret" : "result.saved", file));
            savedNote.pseudoClassStateChanged(States.DANGER, false);
        } catch (IOException e) {
            savedNote.setText(Messages.format("result.saveFailed", file, e.getMessage()));
        }
        StartPage.show(savedNote, true);
    }

    @Override
    public void next() {
        secret.getScene().getWindow().hide();
    }

    @Override
    public void wipe() {
        secret.wipe();
    }
}
