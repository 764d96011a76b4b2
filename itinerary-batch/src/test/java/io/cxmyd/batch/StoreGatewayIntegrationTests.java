package io.cxmyd.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.batch.it.GatewayJar;
import io.cxmyd.batch.it.LocalSpark;
import io.cxmyd.itinerary.cache.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on one machine: the job on local[2] stores the demo dataset's day into a real
 * redis-server, then the built gateway jar with {@code source: store} answers over SMPP exactly what the
 * same jar with {@code source: local} answers (docs/demo-data.md's numbers, an unknown one, a
 * virtual-operator one).
 */
class StoreGatewayIntegrationTests {

    private static final Path DEMO = Path.of("..", "config", "demo-data").toAbsolutePath().normalize();
    private static final String HASH_KEY = "store-gateway-test-key-0123";
    private static final String[] NUMBERS = {"13800138000", "13800138001", "13800138002", "13800138003",
        "13800138004", "13800138005", "17000000001", "13912345678", "18600000000", "18900000000"};

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aGatewayServingTheStoreAnswersOverSmppAsTheLocalSourceDoes(@TempDir Path tmp) throws Exception {
        BatchMain.Report report = BatchMain.run(LocalSpark.session(), BatchOptions.parse(new String[] {
            "--dataset", DEMO.toString(), "--data-day", "2026-11-21", "--redis", redis.uri(),
            "--hash-key", "env:CXMYD_HASH_KEY", "--clock", "2026-11-21T09:30:00+08:00",
            "--audit", tmp.resolve("audit").toString()}, Map.of("CXMYD_HASH_KEY", HASH_KEY)::get));
        assertThat(report.subscribers()).isEqualTo(Files.lines(DEMO.resolve("subscribers.csv")).count() - 1);
        List<org.apache.spark.sql.Row> audit = LocalSpark.session().read()
                .parquet(tmp.resolve("audit").resolve("day=2026-11-21").toString()).collectAsList();
        assertThat(audit).hasSize((int) report.subscribers());
        assertThat(audit.toString()).contains("138****8000").doesNotContain("13800138000");

        Path localDir = Files.createDirectories(tmp.resolve("local"));
        Path storeDir = Files.createDirectories(tmp.resolve("store"));
        List<String> fromLocal;
        try (GatewayJar local = GatewayJar.start(localDir, """
                itinerary:
                  source: local
                  local:
                    dir: %s""".formatted(DEMO), Map.of())) {
            fromLocal = local.ask(NUMBERS);
        }
        List<String> fromStore;
        try (GatewayJar store = GatewayJar.start(storeDir, """
                itinerary:
                  source: store
                  store:
                    redis: %s
                    hashKey: ${CXMYD_HASH_KEY}""".formatted(redis.uri()), Map.of("CXMYD_HASH_KEY", HASH_KEY))) {
            fromStore = store.ask(NUMBERS);
            assertThat(store.log()).doesNotContain("13800138000", "13912345678");
        }

        assertThat(fromLocal).hasSize(NUMBERS.length);
        assertThat(fromStore).containsExactlyElementsOf(fromLocal);
        assertThat(String.join("\n", fromStore)).contains("北京市", "日本", "开户时间未满7天", "暂未查询到");
    }
}
