package dev.prodev.shop.system.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket, one connection per request
 * ({@code Connection: close}). {@link java.net.http.HttpClient} refuses to send most of what the
 * corpus needs (bad percent-encodings, NUL bytes, raw UTF-8 in header values, restricted headers),
 * so the corpus writes the bytes itself. It reads the status, the headers and at most
 * {@link #MAX_BODY} bytes of the body (fixed length, chunked or until close); a 200 event stream
 * is read as headers only.
 */
public final class RawHttp {

    static final int MAX_BODY = 64 * 1024;

    public record Header(byte[] name, byte[] value) {
        public static Header of(String name, String value) {
            return new Header(name.getBytes(StandardCharsets.ISO_8859_1), value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What goes on the wire: {@code target} is the raw request target (path and query), as bytes. */
    public record Request(String method, byte[] target, List<Header> headers, byte[] body) {
        public String targetText() {
            var text = new String(target, StandardCharsets.UTF_8).replace("\0", "\\0");
            return text.length() > 160 ? text.substring(0, 160) + "...(" + target.length + " bytes)" : text;
        }
    }

    /** The answer; {@code status} is 0 when none came (connection refused, reset or timed out). */
    public record Response(int status, List<Header> headers, String body, String error) {
        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> new String(h.name(), StandardCharsets.ISO_8859_1).equalsIgnoreCase(name))
                    .map(h -> new String(h.value(), StandardCharsets.ISO_8859_1))
                    .findFirst();
        }
    }

    private final String host;
    private final int port;

    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
    }

    public Response send(Request request) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            var head = new ByteArrayOutputStream();
            head.write((request.method() + " ").getBytes(StandardCharsets.US_ASCII));
            head.write(request.target());
            head.write(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            var names = new ArrayList<String>();
            for (var header : request.headers()) {
                names.add(new String(header.name(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
                head.write(header.name());
                head.write(": ".getBytes(StandardCharsets.US_ASCII));
                head.write(header.value());
                head.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (!names.contains("host")) {
                head.write(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.write("Connection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            if (request.body() != null && !names.contains("content-length") && !names.contains("transfer-encoding")) {
                head.write(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            String writeError = null;
            try {
                out.write(head.toByteArray());
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            } catch (IOException ex) {
                // a server may answer (413, 431) and close before it has read everything: read that answer
                writeError = ex.toString();
            }
            return read(socket.getInputStream(), request.method(), writeError);
        } catch (IOException ex) {
            return new Response(0, List.of(), "", ex.toString());
        } catch (RuntimeException ex) {
            // a status line, header or chunk size that is not HTTP: a finding, not a crash of the corpus
            return new Response(0, List.of(), "", "unparseable answer: " + ex);
        }
    }

    private static Response read(InputStream in, String method, String writeError) throws IOException {
        while (true) {
            var statusLine = line(in);
            if (statusLine == null) {
                return new Response(
                        0,
                        List.of(),
                        "",
                        "connection closed without an answer"
                                + (writeError == null ? "" : " (while sending: " + writeError + ")"));
            }
            var parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            var headers = new ArrayList<Header>();
            String line;
            while ((line = line(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.add(new Header(
                        line.substring(0, colon).getBytes(StandardCharsets.ISO_8859_1),
                        line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1)));
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue and friends: the real answer follows
            }
            var response = new Response(status, headers, "", null);
            if ("HEAD".equals(method)
                    || status == 204
                    || status == 304
                    || (status == 200
                            && response.header("Content-Type").orElse("").startsWith("text/event-stream"))) {
                return response;
            }
            var body = new ByteArrayOutputStream();
            if (response.header("Transfer-Encoding")
                    .orElse("")
                    .toLowerCase(Locale.ROOT)
                    .contains("chunked")) {
                String size;
                while ((size = line(in)) != null && body.size() < MAX_BODY) {
                    int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (length == 0) {
                        break;
                    }
                    body.write(in.readNBytes(length));
                    line(in);
                }
            } else if (response.header("Content-Length").isPresent()) {
                int length =
                        Integer.parseInt(response.header("Content-Length").get().trim());
                body.write(in.readNBytes(Math.min(length, MAX_BODY)));
            } else {
                body.write(in.readNBytes(MAX_BODY));
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8), null);
        }
    }

    /** One CRLF-terminated line (ISO-8859-1), or null at end of stream. */
    private static String line(InputStream in) throws IOException {
        var buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                var bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
