package io.portal.console.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The app behind every forwarding path of the benchmark: a minimal HTTP/1.1 server on loopback (Jetty, already on
 * the class path). Everything streams, so a 1 GiB transfer needs no 1 GiB buffer anywhere.
 * <ul>
 *   <li>{@code POST|PUT /discard…} reads the body and answers {@code {"bytes":n}} (the upload test);</li>
 *   <li>{@code GET /bytes/{n}} (the path may carry a prefix) answers n bytes (the download test);</li>
 *   <li>any other request with a body gets the body back (the 1 KiB request/response test);</li>
 *   <li>anything else answers {@code ok}.</li>
 * </ul>
 * Usage: {@code EchoApp PORT-FILE [PORT]} — listens on 127.0.0.1 (port 0 = any) and writes the port to PORT-FILE.
 */
public final class EchoApp extends Handler.Abstract {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] ZEROS = new byte[CHUNK];

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EchoApp PORT-FILE [PORT]");
            System.exit(2);
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Server server = start(port);
        int actual = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Path portFile = Path.of(args[0]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(actual));
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        server.join();
    }

    static Server start(int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("echo");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(new EchoApp());
        server.start();
        return server;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        int bytesAt = path.lastIndexOf("/bytes/");
        if ("GET".equals(method) && bytesAt >= 0) {
            sendBytes(Long.parseLong(path.substring(bytesAt + "/bytes/".length())), response, callback);
        } else if (path.contains("/discard")) {
            discard(request, response, callback);
        } else if ("POST".equals(method) || "PUT".equals(method)) {
            long length = request.getLength();
            response.setStatus(200);
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type == null ? "application/octet-stream" : type);
            if (length >= 0) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            }
            Content.copy(request, response, callback);
        } else {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            Content.Sink.write(response, true, "ok\n", callback);
        }
        return true;
    }

    private static void sendBytes(long count, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, count);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            long left = count;
            while (left > 0) {
                int n = (int) Math.min(left, CHUNK);
                out.write(ZEROS, 0, n);
                left -= n;
            }
        } catch (Throwable e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    private static void discard(Request request, Response response, Callback callback) {
        long total = 0;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Content.Source.asInputStream(request)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (Throwable e) {
            callback.failed(e);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, "{\"bytes\":" + total + "}\n", callback);
    }
}
