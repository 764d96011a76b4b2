package io.cxmyd.gateway.faults;

import static io.cxmyd.gateway.faults.FaultGateway.HANGZHOU;
import static io.cxmyd.gateway.faults.FaultGateway.SERVICE_NUMBER;
import static io.cxmyd.gateway.faults.FaultGateway.await;
import static io.cxmyd.gateway.faults.FaultGateway.metric;
import static io.cxmyd.gateway.faults.FaultGateway.queries;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClient.BindMode;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.cache.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway with the shared Redis tier configured, and that Redis killed, paused (CLIENT PAUSE) or
 * black-holed (SIGSTOP: the connection stays open, nothing answers). Every query asks for a subscriber not
 * asked before, so none is answered from the near cache: each lookup goes to Redis. While the fault lasts
 * every query gets, within the reply deadline, the same reply as a reference gateway without Redis gives (a
 * query that waited on Redis past the lookup deadline would get the "service busy" reply instead);
 * cxmyd_redis_up goes to 0, and once Redis is back it returns to 1 while queries flow, with no one touching
 * the gateway.
 */
class RedisFaultsIntegrationTests {

    /** The reply deadline: above the 3 s lookup deadline, so a lost query shows as no reply at all. */
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private static RedisServer redis;
    private static Gateway reference;
    private static SmppClient referenceCarrier;
    private static List<String> subscribers;

    private Gateway gateway;
    private SmppClient carrier;
    private Iterator<String> fresh;

    @BeforeAll
    static void startRedisAndTheReference() throws Exception {
        redis = RedisServer.start();
        reference = FaultGateway.start(FaultGateway.yaml(FaultGateway.LOCAL, ""));
        referenceCarrier = FaultGateway.bind(reference, BindMode.TRANSCEIVER);
        try (Stream<String> rows = Files.lines(FaultGateway.DEMO.resolve("subscribers.csv"))) {
            subscribers = rows.filter(r -> r.contains(",china-mobile,")).map(r -> r.substring(0, r.indexOf(',')))
                    .toList();
        }
    }

    @AfterAll
    static void stopAll() {
        if (referenceCarrier != null) {
            referenceCarrier.close();
        }
        if (reference != null) {
            reference.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void gatewayOnAHealthyRedis() throws Exception {
        if (!redis.running()) {
            redis.restart();
        }
        redis.command("FLUSHALL");
        gateway = FaultGateway.start(FaultGateway.yaml(FaultGateway.LOCAL, """
                cache:
                  redis: %s
                  hashKey: "fault-tests-secret-0123456789"
                  redisTimeout: 100ms
                """.formatted(redis.uri())));
        carrier = FaultGateway.bind(gateway, BindMode.TRANSCEIVER);
        fresh = subscribers.iterator();
        await("redis up", () -> redisUp() == 1, RECOVERY);

        assertThat(ask(HANGZHOU).text()).contains("138****8002").contains("浙江省杭州市");
        await("the reply written back to redis", () -> dbSize() > 0, RECOVERY);
    }

    @AfterEach
    void stopGateway() {
        if (carrier != null) {
            carrier.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void redisKilledCostsNoReplyAndIsUsedAgainOnceRestarted() throws Exception {
        redis.kill();
        answeredThroughoutUntilRedisIsDown();
        redis.restart();
        answeredThroughoutUntilRedisIsUpAgain();
    }

    @Test
    void redisPausedCostsNoReplyAndIsUsedAgainAfterThePause() throws Exception {
        redis.command("CLIENT", "PAUSE", "4000", "ALL");
        answeredThroughoutUntilRedisIsDown();
        answeredThroughoutUntilRedisIsUpAgain(); // the pause ends by itself
    }

    @Test
    void redisBlackHoledCostsNoReplyAndIsUsedAgainWhenItAnswers() throws Exception {
        ProcessHandle server = redisProcess();
        signal("STOP", server);
        try {
            answeredThroughoutUntilRedisIsDown();
        } finally {
            signal("CONT", server);
        }
        answeredThroughoutUntilRedisIsUpAgain();
    }

    /** Queries until the gauge shows Redis down, then five more: each one answered as without Redis. */
    private void answeredThroughoutUntilRedisIsDown() throws Exception {
        for (int i = 0; redisUp() != 0; i++) {
            assertThat(i).as("queries before cxmyd_redis_up went to 0").isLessThan(30);
            askAFreshSubscriber();
        }
        for (int i = 0; i < 5; i++) {
            askAFreshSubscriber();
        }
        assertThat(queries(gateway, "unavailable")).isZero();
    }

    /**
     * Queries (as subscribers keep doing) until the gauge shows Redis up again, each one answered; then a
     * reply is written to Redis again.
     */
    private void answeredThroughoutUntilRedisIsUpAgain() throws Exception {
        long giveUp = System.nanoTime() + RECOVERY.toNanos();
        while (redisUp() != 1) {
            assertThat(System.nanoTime()).as("cxmyd_redis_up back to 1 within " + RECOVERY).isLessThan(giveUp);
            askAFreshSubscriber();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        long before = dbSize();
        await("a reply written to redis again", () -> {
            askAFreshSubscriber();
            return dbSize() > before;
        }, RECOVERY);
        assertThat(queries(gateway, "unavailable")).isZero();
    }

    /** A subscriber this gateway has not been asked for: its reply equals the reference gateway's. */
    private void askAFreshSubscriber() throws Exception {
        assertThat(fresh.hasNext()).as("a china-mobile subscriber not asked yet").isTrue();
        String number = fresh.next();
        assertThat(ask(number).text()).as("the reply to %s", Msisdn.mask(number))
                .isEqualTo(ask(referenceCarrier, number).text());
    }

    private ReceivedReply ask(String number) throws Exception {
        return ask(carrier, number);
    }

    /** One query; its reply must arrive within {@link #WAIT}. */
    private static ReceivedReply ask(SmppClient client, String number) throws Exception {
        assertThat(client.submit(number, SERVICE_NUMBER, "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
        Optional<ReceivedReply> reply = client.awaitReply(WAIT);
        assertThat(reply).as("the reply, within " + WAIT).isPresent();
        return reply.get();
    }

    private static long dbSize() throws IOException {
        return Long.parseLong(redis.command("DBSIZE"));
    }

    private double redisUp() {
        return metric(gateway, "cxmyd_redis_up");
    }

    /**
     * The test's redis-server process (a child of this JVM), found by its port. Read from /proc: the server
     * rewrites its command line to {@code /usr/bin/redis-server 127.0.0.1:<port>}, so the JDK's view of its arguments
     * does not show the port.
     */
    private static ProcessHandle redisProcess() {
        String port = ":" + redis.port();
        return ProcessHandle.current().children()
                .filter(p -> commandLine(p).contains("redis-server") && commandLine(p).contains(port))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no redis-server child on port " + redis.port()));
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }
}
