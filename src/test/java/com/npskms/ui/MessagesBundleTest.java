package com.npskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the wizard's texts and the bundle consistent: every key used exists, every key is used. */
class MessagesBundleTest {
    private static final Path JAVA = Path.of("src/main/java/com/npskms/ui");
    private static final Path FXML = Path.of("src/main/resources/com/npskms/ui/fxml");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9.]+)\"");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");
    private static final Set<String> FILE_ENDINGS = Set.of("fxml", "css", "png", "properties", "json", "txt");

    private static Properties bundle() throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/com/npskms/ui/i18n/messages.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> usedKeys(Set<String> prefixes) throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(FXML)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".fxml")).toList()) {
                Matcher m = FXML_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    String first = key.substring(0, key.indexOf('.'));
                    String last = key.substring(key.lastIndexOf('.') + 1);
                    if (prefixes.contains(first) && !FILE_ENDINGS.contains(last)) {
                        used.add(key);
                    }
                }
            }
        }
        return used;
    }

    @Test
    void everyKeyUsedInFxmlAndCodeExists() throws IOException {
        Properties texts = bundle();
        Set<String> prefixes = new TreeSet<>();
        texts.stringPropertyNames().forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
        Set<String> missing = new TreeSet<>(usedKeys(prefixes));
        missing.removeAll(texts.stringPropertyNames());
        assertEquals(Set.of(), missing, "keys used but not in messages.properties");
    }

    @Test
    void everyKeyInTheBundleIsUsed() throws IOException {
        Properties texts = bundle();
        Set<String> prefixes = new TreeSet<>();
        texts.stringPropertyNames().forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
        Set<String> unused = new TreeSet<>(texts.stringPropertyNames());
        unused.removeAll(usedKeys(prefixes));
        assertEquals(Set.of(), unused, "keys in messages.properties that nothing uses");
    }

    @Test
    void formatTextsAreValidMessageFormats() throws IOException {
        Properties texts = bundle();
        for (String k : texts.stringPropertyNames()) {
            String v = texts.getProperty(k);
            if (v.contains("{0}")) {
                String out = new java.text.MessageFormat(v).format(new Object[] {"X", "Y", "Z", "W", "V"});
                assertTrue(out.contains("X"), k + " loses its argument: " + out);
            }
        }
    }
}
