package io.cxmyd.gateway.bench;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.TestGateways;
import io.cxmyd.gateway.smpp.client.ReceivedPart;
import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.itinerary.tools.DatasetGenerator;
import io.cxmyd.itinerary.tools.GeneratorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web channel's load run (docs/web.md, "Figures"): an in-process gateway on a generated dataset, budgets
 * opened wide, one receiver bind per carrier playing the phones.
 * <ol>
 *   <li>codes: {@code N} code requests for distinct known numbers, {@code C} at a time: 202s per second, and
 *       code SMS acknowledged by the receivers per second (the carrier link's side);</li>
 *   <li>cards: sessions for 200 numbers, then {@code GET /api/v1/itinerary} with them for 10 s, {@code C} at
 *       a time: card answers per second; then {@code GET /} the same way.</li>
 * </ol>
 * {@code java -cp <test classpath> io.cxmyd.gateway.bench.WebLoad [N=5000] [C=32]}
 */
public final class WebLoad {

    private static final Pattern CODE = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");

    private WebLoad() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path data = Files.createTempDirectory("cxmyd-webload");
        DatasetGenerator.generate(GeneratorOptions.parse("--out", data.toString(), "--subscribers",
                Integer.toString(n + 500), "--days", "9", "--end", "2026-11-21", "--seed", "7"));
        List<String[]> subscribers = Files.readAllLines(data.resolve("subscribers.csv")).stream().skip(1)
                .map(l -> l.split(",")).toList();
        String yaml = TestGateways.config("""
                web:
                  host: 127.0.0.1
                  port: 0
                  maxConnectionsPerAddress: 1000
                  codes:
                    perAddressPerHour: 1000000
                    perNumberPerHour: 100
                    perMinute: 1000000
                """).replace(TestGateways.DEMO.toString(), data.toString());
        try (Gateway gateway = TestGateways.start(yaml)) {
            List<SmppClient> phones = new ArrayList<>();
            for (String[] c : new String[][] {{"cmcc", "cm-pass1"}, {"cucc", "cu-pass1"}, {"ctcc", "ct-pass1"}}) {
                phones.add(SmppClient.bind(SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), c[0], c[1])
                        .withMode(SmppClient.BindMode.RECEIVER)));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + gateway.webPort();
            warmUp(http, base);

            // 1. Codes.
            List<String> numbers = subscribers.stream().limit(n).map(s -> s[0]).toList();
            long start = System.nanoTime();
            int accepted = run(concurrency, numbers.size(), i -> post(http, base + "/api/v1/codes",
                    "{\"msisdn\":\"" + numbers.get(i) + "\"}", null), 202);
            double answered = seconds(start);
            while (received(phones) < accepted && seconds(start) < 120) {
                Thread.sleep(5);
            }
            double delivered = seconds(start);
            int sms = received(phones);
            ReceivedPart sample = phones.get(0).receivedParts().get(0);
            System.out.printf("codes: %d requests, %d answered 202 in %.2f s = %.0f/s; %d deliver_sm (code SMS)"
                    + " acknowledged by the receivers %.2f s after the first request = %.0f/s; short_message %d bytes,"
                    + " esm_class %d%n", numbers.size(), accepted, answered, accepted / answered, sms, delivered,
                    sms / delivered, sample.shortMessage().length, sample.esmClass());

            // 2. Cards with a session.
            List<String> cookies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String number = subscribers.get(n + i)[0];
                String carrier = subscribers.get(n + i)[1];
                SmppClient phone = phones.get(carrier.equals("china-mobile") ? 0 : carrier.equals("china-unicom") ? 1 : 2);
                post(http, base + "/api/v1/codes", "{\"msisdn\":\"" + number + "\"}", null).join();
                String code = codeFor(phone, number);
                HttpResponse<String> r = post(http, base + "/api/v1/itinerary",
                        "{\"msisdn\":\"" + number + "\",\"code\":\"" + code + "\"}", null).join();
                cookies.add(r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0]);
            }
            for (String path : List.of("/api/v1/itinerary", "/")) {
                AtomicInteger done = new AtomicInteger();
                long t0 = System.nanoTime();
                long end = t0 + Duration.ofSeconds(10).toNanos();
                Semaphore slots = new Semaphore(concurrency);
                int i = 0;
                while (System.nanoTime() < end) {
                    slots.acquire();
                    String cookie = cookies.get(i++ % cookies.size());
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build();
                    http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        if (e == null && r.statusCode() == 200) {
                            done.incrementAndGet();
                        }
                        slots.release();
                    });
                }
                slots.acquire(concurrency);
                double s = seconds(t0);
                System.out.printf("GET %s: %d answers 200 in %.2f s = %.0f/s (%d at a time)%n", path, done.get(), s,
                        done.get() / s, concurrency);
            }
            phones.forEach(SmppClient::close);
        }
    }

    private static void warmUp(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 2000; i++) {
            http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static int received(List<SmppClient> phones) {
        return phones.stream().mapToInt(SmppClient::deliveriesReceived).sum();
    }

    private static String codeFor(SmppClient phone, String number) throws InterruptedException {
        while (true) {
            var r = phone.awaitReply(Duration.ofSeconds(30)).orElseThrow();
            if (r.destination().address().equals(number)) {
                Matcher m = CODE.matcher(r.text());
                if (m.find()) {
                    return m.group();
                }
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(HttpClient http, String url, String json, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Call {
        CompletableFuture<HttpResponse<String>> call(int i);
    }

    /** Runs {@code total} calls, {@code concurrency} at a time; returns how many answered {@code status}. */
    private static int run(int concurrency, int total, Call call, int status) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger ok = new AtomicInteger();
        for (int i = 0; i < total; i++) {
            slots.acquire();
            call.call(i).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == status) {
                    ok.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(concurrency);
        return ok.get();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
