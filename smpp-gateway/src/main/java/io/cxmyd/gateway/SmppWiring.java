package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.delivery.OutboxOptions;
import io.cxmyd.gateway.smpp.AddressRange;
import io.cxmyd.gateway.smpp.CarrierAccount;
import io.cxmyd.gateway.smpp.BindPacingPolicy;
import io.cxmyd.gateway.smpp.SmppServerOptions;
import io.cxmyd.gateway.smpp.SmppTlsOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SMPP side of the config as the smpp and delivery packages take it: server options, accounts, outboxes. */
public final class SmppWiring {

    private SmppWiring() {
    }

    /** The SMPP server options of a config: the gateway's, and the load tool's echo server (same stack). */
    public static SmppServerOptions smppOptions(GatewayConfig config) {
        GatewayConfig.Smpp s = config.smpp();
        return SmppServerOptions.builder()
                .host(s.host())
                .port(s.port())
                .enquireLinkInterval(s.enquireLinkInterval())
                .bindTimeout(s.bindTimeout())
                .responseTimeout(s.responseTimeout())
                .maxPduLength(s.maxPduBytes())
                .maxConnections(s.maxConnections())
                .pduReadTimeout(s.pduReadTimeout())
                .pduProcessorThreads(s.pduProcessorThreads())
                .bindPacing(new BindPacingPolicy(s.bindFailures().free(), s.bindFailures().window(),
                        s.bindFailures().maxDelay()))
                .maxUnboundPerAddress(s.maxUnboundPerAddress())
                .reservedForAllowLists(s.reservedForAllowLists())
                .tls(s.tls().map(t -> new SmppTlsOptions(t.port(), t.keystore(), t.keystorePassword(),
                        t.keystoreType())).orElse(null))
                .build();
    }

    static List<CarrierAccount> accounts(GatewayConfig config) {
        // A carrier in ESME mode has no account here: the gateway takes no binds for it (ESME_RINVSYSID).
        return config.carriers().stream()
                .filter(c -> !c.esmeMode())
                .map(c -> new CarrierAccount(c.id(), c.systemId(), c.password(), c.serviceNumbers(),
                        c.allowFrom().stream().map(AddressRange::parse).toList(), c.maxBinds()))
                .toList();
    }

    static Map<String, OutboxOptions> outboxOptions(GatewayConfig config) {
        GatewayConfig.Delivery d = config.delivery();
        Map<String, OutboxOptions> m = new LinkedHashMap<>();
        for (GatewayConfig.Carrier c : config.carriers()) {
            m.put(c.id(), new OutboxOptions(d.validity(), d.retryInitial(), d.retryMax(), d.queueCapacity(),
                    c.smsc().map(EsmeWiring::senderThreads).orElse(c.window()), Duration.ofSeconds(1)));
        }
        return m;
    }
}
