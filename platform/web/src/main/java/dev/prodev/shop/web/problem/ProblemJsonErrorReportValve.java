package dev.prodev.shop.web.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on a request it refuses before any servlet sees it (a path it cannot
 * decode such as {@code %c0%af}, {@code [} in the query, more than {@code maxHeaderCount}
 * headers): RFC 9457 problem+json like every other error, instead of the stock HTML page.
 * Errors that reach the application still go through {@link ProblemErrorController}; this valve
 * only writes when nothing else has. It echoes nothing of the request (the input is malformed
 * by definition) and never names the server.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    public ProblemJsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        var code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(body(code));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the response was committed meanwhile: nothing left to tell
        }
    }

    /** The same shape {@link ProblemErrorController} answers with. */
    static String body(int code) {
        var status = HttpStatus.resolve(code);
        var server = code >= 500;
        var title = status == null ? (server ? "Internal Server Error" : "Bad Request") : status.getReasonPhrase();
        var detail = server ? "Something went wrong on our side. Quote the trace id to support." : title;
        var type = server ? "internal" : "http-" + code;
        return "{\"type\":\"https://prodev.shop/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + code
                + ",\"detail\":\"" + detail + "\"}";
    }
}
