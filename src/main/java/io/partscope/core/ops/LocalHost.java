package io.partscope.core.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as the journal records it to tell a run of this machine from one of another. */
final class LocalHost {
    private static volatile String name;

    private LocalHost() {
    }

    static String name() {
        String n = name;
        if (n == null) {
            // Looked up once: getLocalHost() may ask DNS, and a run or a journal read should pay for it once.
            try {
                n = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                n = System.getenv().getOrDefault("HOSTNAME", "localhost");
            }
            name = n;
        }
        return n;
    }
}
