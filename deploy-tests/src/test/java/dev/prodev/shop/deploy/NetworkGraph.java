package dev.prodev.shop.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates NetworkPolicies the way a CNI plugin does (a connection needs the source's egress
 * and the destination's ingress to allow it; a pod no policy selects for a direction is open in
 * that direction) over a model of the cluster: our workloads plus the pods the operators and
 * the cluster run. The result is the set of connections that can happen.
 */
final class NetworkGraph {

    /** A pod of some workload. {@code namespace} null = outside the cluster (only ipBlock peers match it). */
    record Endpoint(
            String name, String namespace, Map<String, String> labels, String ip, Map<String, Integer> namedPorts) {
        Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    record Edge(String from, String to, int port, String protocol) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port + (protocol.equals("TCP") ? "" : "/" + protocol);
        }
    }

    private final List<Endpoint> endpoints;
    private final List<NetworkPolicy> policies;

    NetworkGraph(List<Endpoint> endpoints, List<NetworkPolicy> policies) {
        this.endpoints = endpoints;
        this.policies = policies;
    }

    /** Every connection on the given ports that some policy governs (at source or destination) and allows. */
    Set<Edge> edges(Set<Integer> ports) {
        var edges = new TreeSet<Edge>();
        for (var from : endpoints) {
            if (from.namespace() == null) {
                continue; // the internet reaches us only through the ingress controller
            }
            for (var to : endpoints) {
                for (var port : ports) {
                    for (var protocol : port == 53 ? List.of("TCP", "UDP") : List.of("TCP")) {
                        boolean governed = !selecting(from, "Egress").isEmpty()
                                || !selecting(to, "Ingress").isEmpty();
                        if (governed && allowed(from, to, port, protocol)) {
                            edges.add(new Edge(from.name(), to.name(), port, protocol));
                        }
                    }
                }
            }
        }
        return edges;
    }

    boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        var egress = selecting(from, "Egress");
        boolean egressAllowed = egress.isEmpty()
                || egress.stream()
                        .anyMatch(p -> p.getSpec().getEgress() != null
                                && p.getSpec().getEgress().stream()
                                        .anyMatch(r ->
                                                peers(r.getTo(), p, to) && ports(r.getPorts(), to, port, protocol)));
        var ingress = selecting(to, "Ingress");
        boolean ingressAllowed = ingress.isEmpty()
                || ingress.stream()
                        .anyMatch(p -> p.getSpec().getIngress() != null
                                && p.getSpec().getIngress().stream()
                                        .anyMatch(r -> peers(r.getFrom(), p, from)
                                                && ports(r.getPorts(), to, port, protocol)));
        return egressAllowed && ingressAllowed;
    }

    private List<NetworkPolicy> selecting(Endpoint endpoint, String direction) {
        return policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), endpoint.namespace()))
                .filter(p -> types(p).contains(direction))
                .filter(p -> selects(p.getSpec().getPodSelector(), endpoint.labels()))
                .toList();
    }

    private static List<String> types(NetworkPolicy policy) {
        if (policy.getSpec().getPolicyTypes() != null
                && !policy.getSpec().getPolicyTypes().isEmpty()) {
            return policy.getSpec().getPolicyTypes();
        }
        var types = new ArrayList<>(List.of("Ingress"));
        if (policy.getSpec().getEgress() != null
                && !policy.getSpec().getEgress().isEmpty()) {
            types.add("Egress");
        }
        return types;
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, NetworkPolicy policy, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> {
            if (peer.getIpBlock() != null) {
                return inBlock(peer.getIpBlock(), other.ip());
            }
            if (other.namespace() == null) {
                return false;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null
                    ? other.namespace().equals(policy.getMetadata().getNamespace())
                    : selects(peer.getNamespaceSelector(), other.namespaceLabels());
            boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), other.labels());
            return namespaceMatches && podMatches;
        });
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Endpoint destination, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            var proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!proto.equals(protocol)) {
                return false;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                return value.getIntVal() == port;
            }
            return Objects.equals(destination.namedPorts().get(value.getStrVal()), port);
        });
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (var expression : selector.getMatchExpressions()) {
                var value = labels.get(expression.getKey());
                boolean ok = switch (expression.getOperator()) {
                    case "In" -> value != null && expression.getValues().contains(value);
                    case "NotIn" -> value == null || !expression.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new IllegalStateException("unknown operator " + expression.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(c -> inCidr(c, ip));
    }

    private static boolean inCidr(String cidr, String ip) {
        try {
            var parts = cidr.split("/");
            var network = InetAddress.getByName(parts[0]).getAddress();
            var address = InetAddress.getByName(ip).getAddress();
            int bits = Integer.parseInt(parts[1]);
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
