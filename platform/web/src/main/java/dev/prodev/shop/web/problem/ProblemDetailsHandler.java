package dev.prodev.shop.web.problem;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one error handler of every servlet service: each failure becomes RFC 9457
 * {@code application/problem+json}, with field errors for bad input, and never a stack trace.
 * Controllers throw {@link ShopProblem}s (or Spring's own exceptions); they never build error bodies.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    public record FieldError(String field, String message) {}

    /**
     * Renders a {@link ShopProblem}; public so a service that maps its own domain exceptions to
     * problems (e.g. order-service's saga refusals) renders them exactly like thrown ones.
     */
    @ExceptionHandler(ShopProblem.class)
    public ResponseEntity<Object> shopProblem(ShopProblem ex, WebRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        problem.setTitle(ex.title());
        problem.setType(URI.create("https://prodev.shop/problems/" + ex.type()));
        ex.properties().forEach(problem::setProperty);
        var headers = new HttpHeaders();
        ex.headers().forEach(headers::set);
        return handleExceptionInternal(ex, problem, headers, ex.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        var globals = ex.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), error.getDefaultMessage()))
                .toList();
        return badRequest(ex, concat(fields, globals), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return badRequest(ex, fields, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        var fields = ex.getConstraintViolations().stream()
                .map(violation ->
                        new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return badRequest(ex, fields, request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleWrite(OptimisticLockingFailureException ex, WebRequest request) {
        return plain(
                ex,
                HttpStatus.CONFLICT,
                "conflict",
                "The resource was changed by someone else; reload it and try again.",
                request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException ex, WebRequest request) {
        log.info(
                "rejected a write that breaks a database constraint: {}",
                ex.getMostSpecificCause().getMessage());
        return plain(ex, HttpStatus.CONFLICT, "conflict", "The request conflicts with existing data.", request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> denied(RuntimeException ex, WebRequest request) {
        return plain(ex, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this.", request);
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex, WebRequest request) {
        return malformed(ex, ex, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (MalformedRequests.find(ex) instanceof Throwable malformed) {
            return malformed(ex, malformed, request);
        }
        log.error("unhandled error", ex);
        return plain(
                ex,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side. Quote the trace id to support.",
                request);
    }

    /** The request itself cannot be read (see {@link MalformedRequests}): the caller's 400, logged without the value. */
    private ResponseEntity<Object> malformed(Exception ex, Throwable malformed, WebRequest request) {
        log.info("refused a malformed request: {}", malformed.getClass().getSimpleName());
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, MalformedRequests.detail(malformed));
        problem.setTitle("Malformed request");
        problem.setType(URI.create("https://prodev.shop/problems/malformed-request"));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A body that is not JSON, or JSON the operation cannot take: an unknown field (400
     * {@code unknown-field}, naming it: a misspelt field must not be silently dropped), a value of
     * the wrong type ({@code validation}, naming the field), or broken JSON ({@code malformed-body}).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                var field = path(unknown);
                var problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "The request has a field this operation does not know: " + field + ".");
                problem.setTitle("Unknown field");
                problem.setType(URI.create("https://prodev.shop/problems/unknown-field"));
                problem.setProperty("errors", List.of(new FieldError(field, "unknown field")));
                return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
            }
            if (cause instanceof MismatchedInputException mismatched
                    && !mismatched.getPath().isEmpty()) {
                var field = path(mismatched);
                var target = mismatched.getTargetType() == null
                        ? "value"
                        : mismatched.getTargetType().getSimpleName();
                return badRequest(ex, List.of(new FieldError(field, "must be a valid " + target)), request);
            }
        }
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON.");
        problem.setTitle("Malformed body");
        problem.setType(URI.create("https://prodev.shop/problems/malformed-body"));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** A path, query or header value of the wrong type ({@code /products/not-a-uuid}): names it, not the framework. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : ex.getPropertyName() == null ? "value" : ex.getPropertyName();
        var type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return badRequest(ex, List.of(new FieldError(name, "must be a valid " + type)), request);
    }

    /**
     * Every other framework refusal (405, 406, 415, a missing parameter ...) keeps its status but gets
     * the catalogue's type and title (docs/errors.md) instead of {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            var known = HttpStatus.resolve(statusCode.value());
            problem.setType(URI.create("https://prodev.shop/problems/" + ProblemTypes.forStatus(statusCode.value())));
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String path(MismatchedInputException ex) {
        var path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private ResponseEntity<Object> badRequest(Exception ex, List<FieldError> fields, WebRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setTitle("Invalid request");
        problem.setType(URI.create("https://prodev.shop/problems/validation"));
        problem.setProperty("errors", fields);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> plain(
            Exception ex, HttpStatus status, String type, String detail, WebRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://prodev.shop/problems/" + type));
        problem.setTitle(status.getReasonPhrase());
        return handleExceptionInternal(ex, problem, new HttpHeaders(), status, request);
    }

    private static String lastNode(String path) {
        var dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return second.isEmpty()
                ? first
                : java.util.stream.Stream.concat(first.stream(), second.stream())
                        .toList();
    }
}
