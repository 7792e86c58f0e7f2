package dev.prodev.shop.web.problem;

/**
 * The catalogue's generic problem type for a status (docs/errors.md), for refusals that carry no
 * more specific type. The gateway uses the same names.
 */
public final class ProblemTypes {

    private ProblemTypes() {}

    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal" : "bad-request";
        };
    }
}
