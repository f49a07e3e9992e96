package com.npskms.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Writes answers from the SDK's own model objects, so element and member names are exactly the ones the
 * SDK's unmarshallers look for: AWS Query XML for IAM and STS, JSON 1.1 for KMS.
 */
final class WireFormat {
    static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    /** {@code <ActionResponse xmlns=..><ActionResult>..</ActionResult><ResponseMetadata>..} */
    static String queryResponse(String action, String namespace, SdkPojo result, String requestId) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"")
                .append(namespace).append("\">");
        if (result != null && !result.sdkFields().isEmpty()) {
            sb.append('<').append(action).append("Result>");
            writeXmlFields(sb, result);
            sb.append("</").append(action).append("Result>");
        }
        sb.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return sb.toString();
    }

    static String queryError(AwsError e, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>"
                + (e.sender ? "Sender" : "Receiver") + "</Type><Code>" + escape(e.code) + "</Code><Message>"
                + escape(e.getMessage()) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    private static void writeXmlFields(StringBuilder sb, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null) {
                continue;
            }
            String name = field.unmarshallLocationName();
            if (value instanceof Collection<?> list) {
                if (list.isEmpty() && isAutoConstruct(list)) {
                    continue;
                }
                ListTrait trait = field.getTrait(ListTrait.class);
                String member = trait.memberLocationName() == null ? "member" : trait.memberLocationName();
                if (trait.isFlattened()) {
                    for (Object item : list) {
                        writeXmlValue(sb, name, item);
                    }
                } else {
                    sb.append('<').append(name).append('>');
                    for (Object item : list) {
                        writeXmlValue(sb, member, item);
                    }
                    sb.append("</").append(name).append('>');
                }
            } else if (value instanceof Map<?, ?> map) {
                if (map.isEmpty() && isAutoConstruct(map)) {
                    continue;
                }
                MapTrait trait = field.getTrait(MapTrait.class);
                sb.append('<').append(name).append('>');
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append("<entry>");
                    writeXmlValue(sb, trait.keyLocationName(), e.getKey());
                    writeXmlValue(sb, trait.valueLocationName(), e.getValue());
                    sb.append("</entry>");
                }
                sb.append("</").append(name).append('>');
            } else {
                writeXmlValue(sb, name, value);
            }
        }
    }

    private static void writeXmlValue(StringBuilder sb, String name, Object value) {
        sb.append('<').append(name).append('>');
        if (value instanceof SdkPojo p) {
            writeXmlFields(sb, p);
        } else if (value instanceof Instant i) {
            sb.append(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } else if (value instanceof SdkBytes b) {
            sb.append(Base64.getEncoder().encodeToString(b.asByteArray()));
        } else {
            sb.append(escape(String.valueOf(value)));
        }
        sb.append("</").append(name).append('>');
    }

    /** KMS JSON 1.1 body of a model object. */
    static ObjectNode json(SdkPojo pojo) {
        ObjectNode node = JSON.createObjectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null) {
                continue;
            }
            if ((value instanceof Collection<?> c && c.isEmpty() && isAutoConstruct(c))
                    || (value instanceof Map<?, ?> m && m.isEmpty() && isAutoConstruct(m))) {
                continue;
            }
            node.set(field.locationName(), jsonValue(value, field.marshallingType()));
        }
        return node;
    }

    private static JsonNode jsonValue(Object value, MarshallingType<?> type) {
        if (value instanceof SdkPojo p) {
            return json(p);
        }
        if (value instanceof Collection<?> list) {
            ArrayNode a = JSON.createArrayNode();
            for (Object item : list) {
                a.add(jsonValue(item, null));
            }
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = JSON.createObjectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                o.set(String.valueOf(e.getKey()), jsonValue(e.getValue(), null));
            }
            return o;
        }
        if (value instanceof Instant i) {
            return JSON.getNodeFactory().numberNode(BigDecimal.valueOf(i.toEpochMilli()).movePointLeft(3));
        }
        if (value instanceof SdkBytes b) {
            return JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(b.asByteArray()));
        }
        if (value instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        if (value instanceof Integer n) {
            return JSON.getNodeFactory().numberNode(n);
        }
        if (value instanceof Long n) {
            return JSON.getNodeFactory().numberNode(n);
        }
        return JSON.getNodeFactory().textNode(String.valueOf(value));
    }

    private static boolean isAutoConstruct(Object o) {
        return o instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || o instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 3986 percent-encoding, as IAM returns policy documents. */
    static String rfc3986(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
