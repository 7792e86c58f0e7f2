package dev.prodev.shop.web.paging;

import dev.prodev.shop.web.problem.ProblemDetailsHandler.FieldError;
import dev.prodev.shop.web.problem.ShopProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The paging window every offset-paged list shares: {@code page × size} may not pass
 * {@value #MAX_OFFSET}. A deep OFFSET makes PostgreSQL read and throw away every row before the
 * page, so page 10 000 × size 100 costs a million rows per request; lists that must be walked
 * further offer a cursor instead.
 */
public final class PageWindow {

    /** The deepest row an offset page may start at. */
    public static final long MAX_OFFSET = 10_000;

    private PageWindow() {}

    /** Whether the page starting at {@code page × size} lies inside the window. */
    public static boolean fits(int page, int size) {
        return (long) page * size <= MAX_OFFSET;
    }

    /** Why a page outside the window is refused, worded for the client. */
    public static String explain(int page, int size, String beyond) {
        return "page × size must not exceed " + MAX_OFFSET + " (asked for " + page + " × " + size + " = "
                + (long) page * size + ")" + (beyond == null ? "; narrow the filter instead." : "; " + beyond);
    }

    /**
     * Throws a 400 validation problem (field {@code page}) when the page lies outside the window.
     *
     * @param beyond how the client can go further (for example "use the 'after' cursor"), or null
     */
    public static void check(int page, int size, String beyond) {
        if (!fits(page, size)) {
            throw new ShopProblem(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid request",
                    explain(page, size, beyond),
                    Map.of("errors", List.of(new FieldError("page", "page × size must be at most " + MAX_OFFSET))));
        }
    }
}
