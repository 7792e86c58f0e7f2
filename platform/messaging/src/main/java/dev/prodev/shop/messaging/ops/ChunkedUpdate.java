package dev.prodev.shop.messaging.ops;

import java.util.Arrays;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention and cleanup jobs change old rows in chunks, so each statement holds its row locks
 * briefly and a large backlog never becomes one long transaction. The statement's last
 * parameter is the chunk size ({@code ... limit ?}); it runs until a chunk comes back short.
 */
public final class ChunkedUpdate {

    /** Rows per statement. */
    public static final int CHUNK = 5000;

    private ChunkedUpdate() {}

    /**
     * Runs {@code sql} with {@code args} followed by {@link #CHUNK} until fewer than {@code CHUNK}
     * rows change.
     *
     * @return how many rows changed in all
     */
    public static int untilDone(JdbcTemplate jdbc, String sql, Object... args) {
        var withLimit = Arrays.copyOf(args, args.length + 1);
        withLimit[args.length] = CHUNK;
        int total = 0;
        int changed;
        do {
            changed = jdbc.update(sql, withLimit);
            total += changed;
        } while (changed == CHUNK);
        return total;
    }
}
