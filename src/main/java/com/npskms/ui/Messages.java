package com.npskms.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The wizard's texts, from {@code i18n/messages.properties} (dotted keys, English for now). */
public final class Messages {
    static final String BUNDLE = "com.npskms.ui.i18n.messages";
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());

    private Messages() {
    }

    /** The bundle, for FXML loaders ({@code %key} in FXML). */
    public static ResourceBundle bundle() {
        return TEXTS;
    }

    /** The text for a key; a missing key shows itself so it is noticed (the bundle test keeps this from happening). */
    public static String text(String key) {
        try {
            return TEXTS.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    /** The text for a key with {@link MessageFormat} arguments. */
    public static String format(String key, Object... args) {
        return new MessageFormat(text(key), Locale.getDefault()).format(args);
    }
}
