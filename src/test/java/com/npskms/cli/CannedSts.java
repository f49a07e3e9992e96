package com.npskms.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback endpoint that answers every request with a fixed STS GetCallerIdentity response and notes when the
 * first request arrived: enough for whoami without a sandbox, and for timing a cold start to its first AWS call.
 */
public final class CannedSts implements AutoCloseable {
    private static final String BODY = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/ops</Arn>"
            + "<UserId>AIDAEXAMPLEOPS</UserId><Account>210987654321</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>canned-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

    private final HttpServer server;
    private final AtomicLong firstRequestMillis = new AtomicLong();

    public CannedSts() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            firstRequestMillis.compareAndSet(0, System.currentTimeMillis());
            ex.getRequestBody().readAllBytes();
            byte[] b = BODY.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Wall-clock time of the first request, or 0 when none came. */
    public long firstRequestMillis() {
        return firstRequestMillis.get();
    }

    public void reset() {
        firstRequestMillis.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
