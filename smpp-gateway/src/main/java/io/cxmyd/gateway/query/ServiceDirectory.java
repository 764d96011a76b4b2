package io.cxmyd.gateway.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which service numbers belong to which carrier: the destination check and the "never reply to ourselves" check. */
public final class ServiceDirectory {

    private final Map<String, Set<String>> byCarrier;
    private final Set<String> all;

    public ServiceDirectory(Map<String, List<String>> serviceNumbersByCarrier) {
        Map<String, Set<String>> m = new HashMap<>();
        serviceNumbersByCarrier.forEach((carrier, numbers) -> m.put(carrier, Set.copyOf(numbers)));
        this.byCarrier = Map.copyOf(m);
        this.all = byCarrier.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Whether {@code address} is one of {@code carrierId}'s service numbers. Carriers send the destination
     * in the national form (10086); some prefix the country code (8610086): both are accepted.
     */
    public boolean isServiceNumberOf(String carrierId, String address) {
        Set<String> numbers = byCarrier.get(carrierId);
        return numbers != null && numbers.contains(national(address));
    }

    /** Whether {@code address} is any carrier's service number: we never answer ourselves (no reply loops). */
    public boolean isOwnNumber(String address) {
        return all.contains(national(address));
    }

    private static String strip(String address) {
        return address == null ? "" : address.strip();
    }

    private static String national(String address) {
        String a = strip(address);
        if (a.startsWith("+86")) {
            return a.substring(3);
        }
        if (a.startsWith("0086")) {
            return a.substring(4);
        }
        if (a.startsWith("86") && a.length() > 7) {
            return a.substring(2);
        }
        return a;
    }
}
