package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.AdminActions;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.SmppServer;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The admin view's actions on a running gateway: its binds, and suspending a configured carrier. */
final class GatewayAdminActions implements AdminActions {

    private final GatewayConfig config;
    private final GatewayState state;
    private final Supplier<SmppServer> smpp;
    private final Supplier<EsmeLinks> esme;

    /**
     * @param smpp the SMPP server once it exists (the admin port opens before it), else null
     * @param esme the binds out to carriers' SMSCs once they exist, else null
     */
    GatewayAdminActions(GatewayConfig config, GatewayState state, Supplier<SmppServer> smpp,
            Supplier<EsmeLinks> esme) {
        this.config = config;
        this.state = state;
        this.smpp = smpp;
        this.esme = esme;
    }

    @Override
    public List<BindInfo> binds() {
        SmppServer server = smpp.get();
        EsmeLinks links = esme.get();
        List<BindInfo> all = new ArrayList<>(server == null ? List.of() : server.binds());
        if (links != null) {
            all.addAll(links.binds());
        }
        return all;
    }

    @Override
    public boolean suspend(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.suspend(carrierId);
        return true;
    }

    @Override
    public boolean resume(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.resume(carrierId);
        return true;
    }
}
