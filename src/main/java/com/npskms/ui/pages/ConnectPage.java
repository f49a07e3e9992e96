package com.npskms.ui.pages;

import com.npskms.aws.AwsProfiles;
import com.npskms.aws.AwsProfiles.AwsProfile;
import com.npskms.aws.CallerIdentity;
import com.npskms.aws.ConnectionSettings;
import com.npskms.aws.KmsRegions;
import com.npskms.aws.KmsRegions.KmsRegion;
import com.npskms.aws.ProblemException;
import com.npskms.setup.SecretText;
import com.npskms.ui.Messages;
import com.npskms.ui.Page;
import com.npskms.ui.PreflightReport;
import com.npskms.ui.SetupSession;
import com.npskms.ui.SetupSession.Intent;
import com.npskms.ui.WizardPage;
import com.npskms.ui.common.FieldRules;
import com.npskms.ui.common.ProblemView;
import com.npskms.ui.common.States;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Connect: how to sign in (profile, keys, default chain, Sandbox), the region, who-am-I and pre-flight. */
public final class ConnectPage extends WizardPage {
    @FXML private ToggleGroup mode;
    @FXML private Label noCredentialsNote;
    @FXML private RadioButton profileChoice;
    @FXML private HBox profileBox;
    @FXML private ComboBox<AwsProfile> profilePicker;
    @FXML private Label ssoHint;
    @FXML private RadioButton keysChoice;
    @FXML private GridPane keysBox;
    @FXML private TextField accessKeyId;
    @FXML private Label accessKeyIdMessage;
    @FXML private PasswordField secretKey;
    @FXML private Label secretKeyMessage;
    @FXML private PasswordField sessionToken;
    @FXML private RadioButton defaultChoice;
    @FXML private RadioButton sandboxChoice;
    @FXML private ComboBox<KmsRegion> regionPicker;
    @FXML private Label regionHint;
    @FXML private javafx.scene.control.TitledPane advanced;
    @FXML private TextField endpointUrl;
    @FXML private Label endpointUrlMessage;
    @FXML private VBox identityCard;
    @FXML private Label accountValue;
    @FXML private Label arnValue;
    @FXML private Label preflightNote;
    @FXML private Label missingList;
    @FXML private Button copyPolicyButton;
    @FXML private ProblemView problem;

    private final FieldRules rules = new FieldRules();
    private boolean connected;
    private boolean profilesLoaded;
    private PreflightReport preflight;

    @FXML
    private void initialize() {
        StartPage.show(noCredentialsNote, false);
        StartPage.show(identityCard, false);
        noCredentialsNote.pseudoClassStateChanged(States.WARNING, false);
        regionPicker.getItems().setAll(KmsRegions.all());
        regionPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(KmsRegion r) {
                return r == null ? "" : r.label();
            }

            @Override
            public KmsRegion fromString(String s) {
                return null;
            }
        });
        selectRegion(KmsRegions.DEFAULT);
        profilePicker.setPromptText(Messages.text("connect.profile.none"));
        profilePicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(AwsProfile p) {
                return p == null ? "" : p.label();
            }

            @Override
            public AwsProfile fromString(String s) {
                return null;
            }
        });
        profilePicker.valueProperty().addListener((o, a, p) -> {
            StartPage.show(ssoHint, p != null && p.sso());
            if (p != null && p.region() != null) {
                selectRegion(p.region());
            }
        });
        StartPage.show(ssoHint, false);
        profileBox.disableProperty().bind(profileChoice.selectedProperty().not());
        keysBox.disableProperty().bind(keysChoice.selectedProperty().not());
        regionPicker.disableProperty().bind(sandboxChoice.selectedProperty());
        rules.add(accessKeyId, accessKeyIdMessage, v -> v.trim().matches("[A-Z0-9]{16,128}") ? Optional.empty()
                : Optional.of(Messages.text("connect.rule.accessKeyId")), keysChoice.selectedProperty());
        rules.add(secretKey, secretKeyMessage, v -> v.isBlank()
                ? Optional.of(Messages.text("connect.rule.secret")) : Optional.empty(), keysChoice.selectedProperty());
        rules.add(endpointUrl, endpointUrlMessage, ConnectPage::endpointRule, sandboxChoice.selectedProperty().not());
        advanced.disableProperty().bind(sandboxChoice.selectedProperty());
        endpointUrl.textProperty().addListener((o, a, b) -> disconnected());
        blocked.bind(rules.invalid().or(mode.selectedToggleProperty().isNull())
                .or(profileChoice.selectedProperty().and(profilePicker.valueProperty().isNull())));
        // Any change of how to connect makes the page connect again.
        mode.selectedToggleProperty().addListener((o, a, b) -> disconnected());
        profilePicker.valueProperty().addListener((o, a, b) -> disconnected());
        regionPicker.valueProperty().addListener((o, a, b) -> disconnected());
        accessKeyId.textProperty().addListener((o, a, b) -> disconnected());
        secretKey.textProperty().addListener((o, a, b) -> disconnected());
        sandboxChoice.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                selectRegion(KmsRegions.DEFAULT);
            }
        });
        preflightNote.setMaxWidth(Double.MAX_VALUE);
        disconnected();
    }

    @Override
    public void shown() {
        if (!profilesLoaded) {
            profilesLoaded = true;
            wizard.run(wizard.task(() -> new Found(AwsProfiles.list(), wizard.options().credentialsFound().getAsBoolean()))
                    .onSuccess(this::offer)
                    .onError(RuntimeException.class, e -> offer(new Found(List.of(), false))));
        }
    }

    private record Found(List<AwsProfile> profiles, boolean credentials) {
    }

    private void offer(Found found) {
        profilePicker.getItems().setAll(found.profiles());
        if (!found.profiles().isEmpty()) {
            profilePicker.setValue(found.profiles().get(0));
        }
        if (mode.getSelectedToggle() != null) {
            return;
        }
        if (!found.credentials()) {
            sandboxChoice.setSelected(true);
            StartPage.show(noCredentialsNote, true);
        } else if (!found.profiles().isEmpty()) {
            profileChoice.setSelected(true);
        } else {
            defaultChoice.setSelected(true);
        }
    }

    private void selectRegion(String code) {
        regionPicker.getItems().stream().filter(r -> r.code().equals(code)).findFirst()
                .ifPresent(regionPicker::setValue);
    }

    private void disconnected() {
        connected = false;
        StartPage.show(identityCard, false);
        nextText.set(Messages.text("connect.button.connect"));
        if (problem != null) {
            problem.clear();
        }
    }

    @Override
    public void next() {
        if (!connected) {
            connect();
        } else {
            proceed();
        }
    }

    private void connect() {
        problem.clear();
        Toggle chosen = Toggle.of(mode.getSelectedToggle(), this);
        String region = regionPicker.getValue() == null ? KmsRegions.DEFAULT : regionPicker.getValue().code();
        AwsProfile profile = profilePicker.getValue();
        String keyId = accessKeyId.getText().trim();
        String secret = secretKey.getText();
        String token = sessionToken.getText();
        String endpoint = endpointUrl.getText().trim();
        SetupSession session = wizard.session();
        wizard.statusProperty().set(Messages.text(chosen == Toggle.SANDBOX ? "connect.status.sandbox"
                : "connect.status.connecting"));
        wizard.run(wizard.task(() -> {
                    ConnectionSettings settings = switch (chosen) {
                        case SANDBOX -> session.startSandbox();
                        case PROFILE -> ConnectionSettings.profile(profile.name(), region);
                        case KEYS -> ConnectionSettings.keys(keyId, SecretText.of(secret),
                                token.isBlank() ? null : SecretText.of(token), region);
                        case DEFAULT -> ConnectionSettings.defaultChain(region);
                    };
                    if (chosen != Toggle.SANDBOX && !endpoint.isEmpty()) {
                        settings = settings.withEndpoint(java.net.URI.create(endpoint));
                    }
                    if (chosen != Toggle.SANDBOX) {
                        // Someone on a real account: leave sandbox mode (the badge goes away).
                        Platform.runLater(() -> session.sandboxActiveProperty().set(false));
                    }
                    Platform.runLater(() -> wizard.statusProperty().set(Messages.text("connect.status.whoAmI")));
                    CallerIdentity who = session.connect(settings);
                    Platform.runLater(() -> {
                        session.sandboxActiveProperty().set(chosen == Toggle.SANDBOX);
                        wizard.statusProperty().set(Messages.text("connect.status.preflight"));
                    });
                    PreflightReport report = session.preflight(session.intent() == Intent.ROTATE);
                    return new Connected(who, report);
                })
                .onSuccess(this::showConnected)
                .onError(ProblemException.class, e -> problem.show(e.problem(), retryButton()))
                .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                        Messages.text("connect.status.connecting")), retryButton()))
                .andFinally(() -> wizard.statusProperty().set("")));
    }

    /** Empty (AWS's own endpoints) or an http(s) URL. */
    static Optional<String> endpointRule(String v) {
        String t = v.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            java.net.URI u = new java.net.URI(t);
            if (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null) {
                return Optional.empty();
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the rule
        }
        return Optional.of(Messages.text("connect.rule.endpoint"));
    }

    private record Connected(CallerIdentity who, PreflightReport report) {
    }

    private void showConnected(Connected c) {
        connected = true;
        preflight = c.report();
        accountValue.setText(c.who().accountId());
        arnValue.setText(c.who().arn());
        preflightNote.setText(c.report().summary());
        preflightNote.pseudoClassStateChanged(States.SUCCESS, c.report().allAllowed());
        preflightNote.pseudoClassStateChanged(States.WARNING, !c.report().allAllowed());
        missingList.setText(String.join("\n", c.report().missing()));
        StartPage.show(missingList, !c.report().missing().isEmpty());
        StartPage.show(copyPolicyButton, !c.report().missing().isEmpty());
        StartPage.show(identityCard, true);
        javafx.application.Platform.runLater(() -> ProblemView.scrollIntoView(identityCard));
        nextText.set(Messages.text(switch (wizard.session().intent()) {
            case ROLL_BACK -> "connect.button.rollBack";
            case RESUME -> "connect.button.resume";
            default -> "button.next";
        }));
    }

    @FXML
    private void copyPolicy() {
        if (preflight != null) {
            wizard.clipboard().copy(preflight.policyJson());
            wizard.notify(Messages.text("connect.preflight.copied"));
        }
    }

    private void proceed() {
        problem.clear();
        SetupSession session = wizard.session();
        Intent intent = session.intent();
        switch (intent) {
            case ROTATE -> wizard.goTo(Page.ROTATE_KEYS);
            case NEW_SETUP -> wizard.run(wizard.task(() -> {
                        session.startRun();
                        return null;
                    })
                    .onSuccess(v -> {
                        session.refresh();
                        wizard.goTo(Page.POLICY);
                    })
                    .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                            Messages.text("connect.starting")))));
            case RESUME -> wizard.run(wizard.task(session::resumeRun)
                    .onSuccess(step -> {
                        session.refresh();
                        wizard.goTo(step == null ? Page.RESULT : Page.of(step));
                    })
                    .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                            Messages.text("connect.resuming")))));
            case ROLL_BACK -> wizard.run(wizard.task(() -> {
                        session.resumeRun();
                        session.rollback((m, f) -> Platform.runLater(() -> wizard.statusProperty().set(m)));
                        return null;
                    })
                    .onSuccess(v -> {
                        wizard.notify(Messages.text("cancel.rolledBack"));
                        session.startOver();
                        wizard.goTo(Page.START);
                    })
                    .onError(RuntimeException.class, e -> problem.show(SetupSession.problemOf(e,
                            Messages.text("cancel.rollingBack")), retryProceedButton()))
                    .andFinally(() -> wizard.statusProperty().set("")));
            default -> throw new IllegalStateException(String.valueOf(intent));
        }
    }

    private Button retryButton() {
        Button b = new Button(Messages.text("common.retry"));
        b.setOnAction(e -> connect());
        return b;
    }

    private Button retryProceedButton() {
        Button b = new Button(Messages.text("common.retry"));
        b.setOnAction(e -> proceed());
        return b;
    }

    private enum Toggle {
        PROFILE, KEYS, DEFAULT, SANDBOX;

        static Toggle of(javafx.scene.control.Toggle t, ConnectPage p) {
            if (t == p.profileChoice) {
                return PROFILE;
            }
            if (t == p.keysChoice) {
                return KEYS;
            }
            if (t == p.sandboxChoice) {
                return SANDBOX;
            }
            return DEFAULT;
        }
    }

    /** For tests: true once who-am-I answered. */
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void wipe() {
        secretKey.clear();
        sessionToken.clear();
    }
}
