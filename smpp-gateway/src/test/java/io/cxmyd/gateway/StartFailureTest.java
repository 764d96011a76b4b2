package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void aFailureWithAnIoCauseIsOneTheUserCanFix() {
        assertThat(StartFailure.userCanFix(new IllegalStateException("metrics: cannot listen",
                new BindException("Address already in use")))).isTrue();
        assertThat(StartFailure.userCanFix(new IOException("journal folder x is in use by another gateway"))).isTrue();
    }

    @Test
    void aFailureWithoutOneIsABugAndKeepsItsTrace() {
        assertThat(StartFailure.userCanFix(new NullPointerException())).isFalse();
        assertThat(StartFailure.userCanFix(new IllegalStateException("already started"))).isFalse();
    }

    @Test
    void aPortInUseSaysWhatToDo() {
        assertThat(StartFailure.describe(new IOException("SMPP server cannot listen on 127.0.0.1:2775: Address already"
                + " in use", new BindException("Address already in use")), Path.of("config/gateway.yml")))
                .isEqualTo("SMPP server cannot listen on 127.0.0.1:2775: Address already in use (another process holds"
                        + " that port, perhaps a gateway already running: stop it, or give this one other ports in"
                        + " config/gateway.yml)");
    }
}
