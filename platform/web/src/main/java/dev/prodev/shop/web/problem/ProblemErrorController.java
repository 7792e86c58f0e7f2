package dev.prodev.shop.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's default {@code /error} JSON: whatever fails outside the MVC handlers (a filter,
 * the container) still answers as problem+json, with no exception details.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no status attribute: somebody called /error directly
        var status = HttpStatus.resolve(code instanceof Integer value ? value : 404);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        // a malformed request that blew up in a filter, before the MVC handler could map it
        var malformed = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? MalformedRequests.find(failure)
                : null;
        if (malformed != null && status.is5xxServerError()) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, MalformedRequests.detail(malformed));
            problem.setTitle("Bad request");
            problem.setType(URI.create("https://prodev.shop/problems/malformed-request"));
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var problem = ProblemDetail.forStatusAndDetail(
                status,
                status.is5xxServerError()
                        ? "Something went wrong on our side. Quote the trace id to support."
                        : status.getReasonPhrase());
        problem.setType(URI.create(
                "https://prodev.shop/problems/" + (status.is5xxServerError() ? "internal" : "http-" + status.value())));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException unparseable) {
                // leave instance out rather than fail while reporting a failure
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
