package io.cxmyd.gateway;

import java.io.PrintStream;

/** {@link Main#run} for the tests of other packages (Main.run is package-private: the CLI's entry is main). */
public final class MainRunner {

    private MainRunner() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
