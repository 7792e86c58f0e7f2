package dev.prodev.shop.order.orders;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * The order, locked until the transaction ends: a saga reply, the deadline job and a
     * customer's cancel on one order then run one after another instead of failing each other.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from CustomerOrder o where o.id = :id")
    Optional<Order> lockById(UUID id);

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    /** Running sagas whose current step is overdue, oldest deadline first. */
    @Query("select o.id from CustomerOrder o where o.status in :running and o.deadlineAt < :now order by o.deadlineAt")
    List<UUID> findOverdue(Collection<OrderStatus> running, Instant now, Pageable limit);

    List<Order> findAllByCustomerId(String customerId);
}
