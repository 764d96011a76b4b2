package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmitWindowTest {

    @Test
    void noMoreThanTheWindowIsOutstanding() {
        SubmitWindow w = new SubmitWindow(3);
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isFalse();
        assertThat(w.outstanding()).isEqualTo(3);
    }

    @Test
    void anAnswerFreesASlot() {
        SubmitWindow w = new SubmitWindow(1);
        assertThat(w.tryAcquire()).isTrue();
        w.release();
        assertThat(w.tryAcquire()).isTrue();
    }

    @Test
    void aReleaseTooManyNeverOpensTheWindowWider() {
        SubmitWindow w = new SubmitWindow(1);
        w.release();
        assertThat(w.outstanding()).isZero();
        assertThat(w.tryAcquire()).isTrue();
        assertThat(w.tryAcquire()).isFalse();
    }
}
