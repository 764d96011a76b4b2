package io.cxmyd.gateway.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the HTTP port's open connections, in all and per address; one more is closed at once, before anything
 * is read. Without a cap, 4,144 connections trickling one octet each held the process's file descriptors:
 * {@code /health} failed 10 checks of 10 for two minutes (a liveness probe would have restarted the gateway)
 * and the SMPP accept loop could not accept either. Refusals are logged at most once a minute.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("cxmyd.counted");
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger refusedSinceLog = new AtomicInteger();
    private volatile long lastLog = System.nanoTime() - LOG_INTERVAL_NANOS;

    ConnectionLimiter(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        if (!take(address)) {
            refused(address);
            channel.close();
            return;
        }
        channel.attr(COUNTED).set(address);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            release(address);
        }
        super.channelInactive(ctx);
    }

    /** Runs on the server's single event loop, but stays correct on more. */
    private synchronized boolean take(InetAddress address) {
        AtomicInteger mine = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (open.get() >= max || mine.get() >= maxPerAddress) {
            if (mine.get() == 0) {
                perAddress.remove(address);
            }
            return false;
        }
        open.incrementAndGet();
        mine.incrementAndGet();
        return true;
    }

    private synchronized void release(InetAddress address) {
        open.decrementAndGet();
        AtomicInteger mine = perAddress.get(address);
        if (mine != null && mine.decrementAndGet() <= 0) {
            perAddress.remove(address);
        }
    }

    private void refused(InetAddress address) {
        int refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLog >= LOG_INTERVAL_NANOS) {
            lastLog = now;
            refusedSinceLog.set(0);
            log.warn("[admin] connection from {} closed: {} open ({} at most, {} per address); {} refused since "
                    + "the last such line", address.getHostAddress(), open.get(), max, maxPerAddress, refused);
        }
    }
}
