package dev.prodev.shop.web.problem;

import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Recognises the exceptions the container and Spring Security's firewall throw when the request
 * itself is malformed, so they become the caller's 400 wherever they surface (a controller
 * argument, a filter), not our 500:
 * <ul>
 * <li>{@link RequestRejectedException}: {@code StrictHttpFirewall} refuses, for example, a header
 * value with raw non-ASCII bytes the moment the application reads it;</li>
 * <li>Tomcat's {@code InvalidParameterException}: a query or form that cannot be decoded
 * ({@code %ff%fe}) or has an empty parameter name ({@code ?=}), thrown on the first parameter
 * read. Matched by name, so this class does not tie platform-web to Tomcat.</li>
 * </ul>
 */
final class MalformedRequests {

    static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

    private MalformedRequests() {}

    /** The malformed-request exception in {@code failure}'s cause chain, or null. */
    static Throwable find(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RequestRejectedException || isInvalidParameter(cause)) {
                return cause;
            }
        }
        return null;
    }

    /** What the caller is told: which part of the request is at fault, never the rejected value. */
    static String detail(Throwable malformed) {
        return malformed instanceof RequestRejectedException
                ? "The request has a header, path or parameter this service does not accept (for example a header value that is not ASCII)."
                : "The query string or form cannot be decoded (invalid percent-encoding, bytes that are not UTF-8, or an empty parameter name).";
    }

    private static boolean isInvalidParameter(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(TOMCAT_INVALID_PARAMETER)) {
                return true;
            }
        }
        return false;
    }
}
