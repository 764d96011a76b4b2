package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code receive}: the phone for trying the web page by hand prints the code SMS the page asked for. */
class ReceiveCommandIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void receivePrintsTheCodeSmsWithTheNumberMaskedAndEndsWhenTheGatewayDoes() throws Exception {
        Gateway gateway = TestGateways.start(TestGateways.config("web:\n  host: 127.0.0.1\n  port: 0\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> receive;
        try {
            Path config = CommandLineConfigs.write(dir, gateway.smppPort(), CommandLineConfigs.freePort(), "");
            receive = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"receive", "--config",
                    config.toString(), "--carrier", "china-mobile"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            await(() -> err.toString(StandardCharsets.UTF_8).contains("bound as china-mobile receiver"));
            HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.webPort() + "/api/v1/codes"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\":\"13800138000\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).isEqualTo(202);

            await(() -> out.toString(StandardCharsets.UTF_8).contains("验证码"));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .matches("(?s)from 10086 to 138\\*\\*\\*\\*8000: 【中国移动】您的行程卡查询验证码为\\d{6}，.*\\n");
        } finally {
            gateway.close();
        }
        assertThat(receive.get(30, TimeUnit.SECONDS)).as("exit status once the bind is gone").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the gateway closed the bind");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
