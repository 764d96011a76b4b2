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
 * Caps the HTTP port's open connections, in all and per address. Without a cap, 4,144 connections trickling
 * one octet each held the process's file descriptors: {@code /health} failed 10 checks of 10 for two minutes (a
 * liveness probe would have restarted the gateway) and the SMPP accept loop could not accept either.
 *
 * <p>One more from an address at its cap is closed at once. One more beyond the total cap closes the oldest
 * open connection instead: peers on many addresses holding every slot would otherwise keep a health probe
 * out, while a probe's own connection lives a few milliseconds and is almost never the oldest. Refusals and
 * evictions are logged at most once a minute.
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
    /** Open connections, oldest first: the next to go when the total cap is reached. */
    private final java.util.LinkedHashSet<Channel> byAge = new java.util.LinkedHashSet<>();
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
        Channel evicted = null;
        synchronized (this) {
            AtomicInteger mine = perAddress.get(address);
            if (mine != null && mine.get() >= maxPerAddress) {
                refused(address, "refused");
                channel.close();
                return;
            }
            if (open.get() >= max) {
                evicted = oldest();
            }
            if (!take(address)) {
                refused(address, "refused");
                channel.close();
                return;
            }
            channel.attr(COUNTED).set(address);
            byAge.add(channel);
        }
        if (evicted != null) {
            refused(((InetSocketAddress) evicted.remoteAddress()).getAddress(), "closed for a newer one");
            evicted.close();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        synchronized (this) {
            InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
            if (address != null) {
                release(address);
                byAge.remove(ctx.channel());
            }
        }
        super.channelInactive(ctx);
    }

    /** Takes the oldest connection out of the counts (its close follows); null when there is none. */
    private Channel oldest() {
        java.util.Iterator<Channel> it = byAge.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Channel oldest = it.next();
        it.remove();
        InetAddress address = oldest.attr(COUNTED).getAndSet(null);
        if (address != null) {
            release(address);
        }
        return oldest;
    }

    /** Runs on the server's single event loop, but stays correct on more. */
    private synchronized boolean take(InetAddress address) {
        AtomicInteger mine = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (mine.get() >= maxPerAddress) {
            return false;
        }
        if (open.get() >= max) {
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

    private void refused(InetAddress address, String what) {
        int refused = refusedSinceLog.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLog >= LOG_INTERVAL_NANOS) {
            lastLog = now;
            refusedSinceLog.set(0);
            log.warn("[admin] connection from {} {}: {} open ({} at most, {} per address); {} refused or closed "
                    + "since the last such line", address.getHostAddress(), what, open.get(), max, maxPerAddress,
                    refused);
        }
    }
}
