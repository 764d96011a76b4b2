package io.cxmyd.gateway.query;

import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.itinerary.Msisdn;

/** The compose room: a verdict as the carrier's words. Pure; {@code null} for a silent verdict. */
final class ReplyWriter {

    private ReplyWriter() {
    }

    static String compose(Verdict verdict, ReplyComposer composer, ReplyContext context, Msisdn sender) {
        if (verdict instanceof Verdict.Looked l) {
            return composer.compose(l.result(), context);
        } else if (verdict instanceof Verdict.Usage) {
            return composer.usage(context);
        } else if (verdict instanceof Verdict.TooFrequent) {
            return composer.tooFrequent(context);
        } else if (verdict instanceof Verdict.Prompt p) {
            return p.mode() == Verification.CONFIRM
                    ? composer.confirmPrompt(context, sender, p.window())
                    : composer.idLast4Prompt(context, sender, p.window());
        } else if (verdict instanceof Verdict.WrongCode w) {
            return composer.wrongCode(context, w.attemptsLeft(), w.window());
        } else if (verdict instanceof Verdict.ConsentEnded e) {
            return switch (e.kind()) {
                case CONSENT_LOCKED -> composer.locked(context);
                case CONSENT_CANCELLED -> composer.cancelled(context);
                default -> composer.unverifiable(context);
            };
        }
        return null;
    }
}
