package dev.prodev.shop.payment.provider;

import dev.prodev.shop.events.Money;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider adapter behind Resilience4j, in the order Resilience4j's own aspects use:
 * retry (verify only) around circuit breaker around time limiter around bulkhead around the call.
 * Every way of not getting an answer ends as {@link ProviderUnavailableException}, fast when the
 * circuit is open, so a payment fails with {@code provider-unavailable} instead of hanging.
 *
 * <p>Instances are named after the provider ({@code simulator}, {@code chapa}; retry
 * {@code <provider>-verify}) and configured under {@code resilience4j.*} like any other instance.
 * Charges and refunds are not retried here: only the read ({@link #verify}) is safe to repeat.
 */
public class ResilientPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(ResilientPaymentProvider.class);

    private final PaymentProvider delegate;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final Retry verifyRetry;
    // the time limiter needs the call on another thread to be able to give up on it; the wrapper
    // carries the caller's trace (and other thread-local context) over, so provider HTTP calls stay in the trace
    private final ExecutorService calls = ContextExecutorService.wrap(
            Executors.newVirtualThreadPerTaskExecutor(),
            () -> ContextSnapshotFactory.builder().build().captureAll());

    public ResilientPaymentProvider(
            PaymentProvider delegate,
            CircuitBreakerRegistry circuitBreakers,
            BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters,
            RetryRegistry retries) {
        this.delegate = delegate;
        this.circuitBreaker = circuitBreakers.circuitBreaker(delegate.name());
        this.bulkhead = bulkheads.bulkhead(delegate.name());
        this.timeLimiter = timeLimiters.timeLimiter(delegate.name());
        this.verifyRetry = retries.retry(delegate.name() + "-verify");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public AuthorizationResult authorize(AuthorizationRequest request) {
        return guarded(() -> delegate.authorize(request), false);
    }

    @Override
    public AuthorizationResult verify(String reference, Money requested) {
        return guarded(() -> delegate.verify(reference, requested), true);
    }

    @Override
    public String refund(String reference, String refundReference, Money amount, String reason) {
        return guarded(() -> delegate.refund(reference, refundReference, amount, reason), false);
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    private <T> T guarded(Callable<T> call, boolean retryable) {
        Callable<T> limited = Bulkhead.decorateCallable(bulkhead, call);
        Callable<T> timed = () -> timeLimiter.executeFutureSupplier(() -> calls.submit(limited));
        Callable<T> broken = CircuitBreaker.decorateCallable(circuitBreaker, timed);
        Callable<T> guarded = retryable ? Retry.decorateCallable(verifyRetry, broken) : broken;
        try {
            return guarded.call();
        } catch (CallNotPermittedException | BulkheadFullException ex) {
            log.warn("payment provider {} refused the call fast: {}", name(), ex.getMessage());
            throw new ProviderUnavailableException(name(), ex, false);
        } catch (ExecutionException ex) {
            throw unavailable(ex.getCause() == null ? ex : ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw unavailable(ex);
        } catch (Exception ex) {
            throw unavailable(ex);
        }
    }

    private ProviderUnavailableException unavailable(Throwable cause) {
        log.warn("payment provider {} gave no usable answer: {}", name(), cause.toString());
        return new ProviderUnavailableException(name(), cause);
    }
}
