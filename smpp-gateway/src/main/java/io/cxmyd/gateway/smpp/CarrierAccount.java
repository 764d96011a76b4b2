package io.cxmyd.gateway.smpp;

import java.util.List;

/**
 * One carrier link as the SMPP server sees it.
 *
 * @param id carrier id (china-mobile, ...)
 * @param systemId the system_id it binds with
 * @param password its password (at most 8 characters, SMPP 3.4 §5.2.2); never logged
 * @param serviceNumbers the destination addresses its subscribers write to (10086, ...)
 * @param allowFrom the addresses it may bind from; empty = any
 * @param maxBinds how many binds it may hold at once; a bind beyond is refused with ESME_RBINDFAIL
 */
public record CarrierAccount(String id, String systemId, String password, List<String> serviceNumbers,
        List<AddressRange> allowFrom, int maxBinds) {

    /** Binds per carrier when the configuration does not say: a TX+RX pair or a transceiver per SMSC node, with room. */
    public static final int DEFAULT_MAX_BINDS = 8;

    public CarrierAccount {
        serviceNumbers = List.copyOf(serviceNumbers);
        allowFrom = List.copyOf(allowFrom);
        if (maxBinds < 1) {
            throw new IllegalArgumentException("carrier " + id + ": maxBinds must be at least 1, was " + maxBinds);
        }
    }

    /** Any address, {@link #DEFAULT_MAX_BINDS} binds. */
    public CarrierAccount(String id, String systemId, String password, List<String> serviceNumbers) {
        this(id, systemId, password, serviceNumbers, List.of(), DEFAULT_MAX_BINDS);
    }

    /** Whether a bind from {@code address} is allowed. */
    public boolean allows(java.net.InetAddress address) {
        return allowFrom.isEmpty() || allowFrom.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public String toString() {
        return "CarrierAccount[id=" + id + ", systemId=" + systemId + ", serviceNumbers=" + serviceNumbers
                + ", allowFrom=" + allowFrom + ", maxBinds=" + maxBinds + "]";
    }
}
