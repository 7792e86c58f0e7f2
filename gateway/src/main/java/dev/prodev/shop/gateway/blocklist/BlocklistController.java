package dev.prodev.shop.gateway.blocklist;

import dev.prodev.shop.gateway.clientip.IpAddresses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The admin-managed IP blocklist, served by the gateway itself (role admin; enforced in the security chain too). */
@RestController
@RequestMapping("/api/v1/admin/blocklist")
@PreAuthorize("hasRole('admin')")
public class BlocklistController {

    /**
     * @param ip any spelling of an IPv4 or IPv6 address; stored and listed in its canonical form
     *        ({@code 2001:0DB8::0001} is listed as {@code 2001:db8::1})
     */
    public record BlockRequest(
            @NotBlank @IpLiteral String ip,
            @Size(max = 200) String reason,
            @Min(1) @Max(31_536_000) Long ttlSeconds) {}

    private final IpBlocklist blocklist;

    public BlocklistController(IpBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    @GetMapping
    Mono<List<IpBlocklist.Entry>> list(@RequestParam(defaultValue = "100") int limit) {
        return blocklist.list(Math.max(1, Math.min(limit, 1000))).collectList();
    }

    @PostMapping
    Mono<ResponseEntity<IpBlocklist.Entry>> block(@Valid @RequestBody BlockRequest request) {
        var ttl = request.ttlSeconds() == null ? null : Duration.ofSeconds(request.ttlSeconds());
        return blocklist
                .block(request.ip(), request.reason(), ttl)
                .map(entry -> ResponseEntity.status(HttpStatus.CREATED).body(entry));
    }

    @DeleteMapping("/{ip}")
    Mono<ResponseEntity<Void>> unblock(@PathVariable String ip) {
        if (IpAddresses.parse(ip).isEmpty()) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an IP address"));
        }
        return blocklist
                .unblock(ip)
                .flatMap(removed -> removed
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new ResponseStatusException(
                                HttpStatus.NOT_FOUND, "No blocklist entry for " + ip + ".")));
    }
}
