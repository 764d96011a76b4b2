package io.cxmyd.gateway.smpp;

import java.util.List;

/**
 * One carrier link as the SMPP server sees it.
 *
 * @param id carrier id (china-mobile, ...)
 * @param systemId the system_id it binds with
 * @param password its password (at most 8 characters, SMPP 3.4 §5.2.2); never logged
 * @param serviceNumbers the destination addresses its subscribers write to (10086, ...)
 */
public record CarrierAccount(String id, String systemId, String password, List<String> serviceNumbers) {

    public CarrierAccount {
        serviceNumbers = List.copyOf(serviceNumbers);
    }

    @Override
    public String toString() {
        return "CarrierAccount[id=" + id + ", systemId=" + systemId + ", serviceNumbers=" + serviceNumbers + "]";
    }
}
