package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.AdminActions;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.ServerLinks;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import java.util.ArrayList;
import java.util.List;

/** The admin view's actions on a running gateway: its binds, and suspending a configured carrier. */
final class GatewayAdminActions implements AdminActions {

    private final GatewayConfig config;
    private final GatewayState state;
    private final ServerLinks links;
    private final EsmeLinks esme;

    /** @param esme the binds out to carriers' SMSCs (ESME mode) */
    GatewayAdminActions(GatewayConfig config, GatewayState state, ServerLinks links, EsmeLinks esme) {
        this.config = config;
        this.state = state;
        this.links = links;
        this.esme = esme;
    }

    @Override
    public List<BindInfo> binds() {
        List<BindInfo> all = new ArrayList<>(links.binds());
        all.addAll(esme.binds());
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
