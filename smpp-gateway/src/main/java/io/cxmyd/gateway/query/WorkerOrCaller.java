package io.cxmyd.gateway.query;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the step after an asynchronous lookup runs: on the query workers; when they refuse (full, or shut
 * down while the gateway drains) on the thread that completed the lookup, so an accepted query never loses
 * its reply to a full queue or a stop.
 */
final class WorkerOrCaller implements Executor {

    private final Executor worker;

    WorkerOrCaller(Executor worker) {
        this.worker = worker;
    }

    @Override
    public void execute(Runnable step) {
        try {
            worker.execute(step);
        } catch (RejectedExecutionException e) {
            step.run();
        }
    }
}
