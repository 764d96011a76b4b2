package io.cxmyd.gateway.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code perAddress} open connections per client address and {@code total} in all: past either, a new
 * connection is closed at once. Thousands of slow connections from one host made the metrics port's /health
 * fail for two minutes (issue 11); here they stop at the cap and the page stays up for everyone else.
 */
@ChannelHandler.Sharable
final class ConnectionCap extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCap.class);

    private final int perAddress;
    private final int total;
    /**
     * Open connections per address, counted inside the map's own atomic steps: the web port has two event
     * loops, and an increment outside them could land on a counter the other loop had just removed at zero.
     */
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    ConnectionCap(int perAddress, int total) {
        this.perAddress = perAddress;
        this.total = total;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        int mine = open.merge(address, 1, Integer::sum);
        int now = all.incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> release(address));
        if (mine > perAddress || now > total) {
            log.debug("[web] connection refused: {} open from this address, {} in all", mine, now);
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    private void release(InetAddress address) {
        all.decrementAndGet();
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
}
