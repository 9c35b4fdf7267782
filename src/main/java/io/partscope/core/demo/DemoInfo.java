package io.partscope.core.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * What the demo database's marker table ({@code partscope_demo.demo_info}) says about its data.
 *
 * @param dataVersion   version of the demo data set ({@link DemoDatabase#DATA_VERSION} when current)
 * @param loadedAt      when the data was loaded
 * @param loadTime      how long the load took
 * @param serverVersion the server's version string
 * @param loadedNow     true when this start loaded the data, false when it reused data loaded earlier
 */
public record DemoInfo(int dataVersion, Instant loadedAt, Duration loadTime, String serverVersion,
        boolean loadedNow) {
}
